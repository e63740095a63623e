package org.igem

import org.igem.support.Processes
import org.igem.support.Project
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** scripts/igem-shell: JShell with the library and examples/igem.jsh, driven non-interactively (after packaging). */
class JShellLaunchSpec extends Specification {
    @TempDir Path tmp

    Map shell(String input) {
        Path in = tmp.resolve('input.jsh')
        Files.writeString(in, input + '\n/exit\n')
        Processes.run(['bash', '-c', "${Project.file('scripts/igem-shell')} -q < '$in'".toString()], tmp, 300)
    }

    def "the startup prints a guide; status, tables, first rows, a query and search each work in one line"() {
        given:
        String db = tmp.resolve('igem.db').toString()
        Path snap = tmp.resolve('snap')
        def jar = ['java', '-jar', Project.file('target/igem.jar').toString()]
        assert Processes.run(jar + ['db', 'create', '--db-uri', "sqlite:$db".toString()], tmp).exit == 0
        assert Processes.run(jar + ['dev', 'generate', '--entities', '200', '--db-uri', "sqlite:$db".toString()], tmp).exit == 0
        assert Processes.run(jar + ['db', 'export', '--db-uri', "sqlite:$db".toString(), '--output', snap.toString()], tmp).exit == 0
        String gene = org.igem.nlp.SyntheticVocabulary.aliasesOf(1, 42).find { it.primary() }.value()

        when:
        def r = shell("""
            var db = Igem.connect("sqlite:$db");
            System.out.println("UP=" + db.status().upToDate());
            System.out.println("TABLES=" + db.tables().size());
            System.out.println("HEAD=" + db.head("entity_types", 2).rows());
            System.out.println("COUNT=" + db.query("SELECT count(*) AS n FROM entities").rows());
            var snap = Igem.connect("$snap");
            System.out.println("SNAPHEAD=" + snap.head("entity_types", 1).rows());
            System.out.println("SNAPJOIN=" + snap.query("SELECT t.name, count(*) AS n FROM entities e JOIN entity_types t ON t.id = e.type_id GROUP BY 1 ORDER BY 2 DESC LIMIT 1").rows());
            System.out.println("HITS=" + Igem.nlp(Path.of("$snap")).search("about $gene today").stream().map(h -> h.entityId()).toList());
        """.stripIndent())

        then:
        r.exit == 0
        r.out.contains('IGEM shell (igem-java')
        r.out.contains('Igem.connect(')
        r.out.contains('UP=true')
        r.out.contains('TABLES=45')
        r.out.contains('HEAD=[[1, Variants, Genomics,')
        r.out.contains('COUNT=[[200]]')
        r.out.contains('SNAPHEAD=[[1, Variants, Genomics,')
        r.out =~ /SNAPJOIN=\[\[\w+, \d+]]/
        r.out =~ /HITS=\[.*\b1\b.*]/
        !r.out.contains('Error:')
    }
}
