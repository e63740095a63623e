package org.igem

import org.igem.support.Processes
import org.igem.support.Project
import spock.lang.Specification
import spock.lang.TempDir

import javax.tools.ToolProvider
import java.nio.file.Files
import java.nio.file.Path

/** What the README shows works as shown. */
class ReadmeSpec extends Specification {
    @TempDir Path tmp

    static List<String> blocks(String lang) {
        (Project.file('README.md').toFile().text =~ /(?s)```$lang\n(.*?)```/).collect { it[1] as String }
    }

    def "the library snippet compiles as shown (imports included), runs, and the library logs nothing on its own"() {
        given:
        String snippet = blocks('java').find { it.contains('public class IgemExample') }
        assert snippet: 'README.md has no ```java block with public class IgemExample'
        Files.writeString(tmp.resolve('IgemExample.java'), snippet)
        String cp = System.getProperty('java.class.path')
        Files.createDirectories(tmp.resolve('snapshots'))   // where snapshots go: the export makes only the last level
        assert org.igem.support.CliRun.run([cwd: tmp], 'db', 'create', '--db-uri', "sqlite:${tmp.resolve('igem.db')}".toString()).exit == 0
        def err = new ByteArrayOutputStream()

        when:
        int javac = ToolProvider.systemJavaCompiler.run(null, err, err, '-d', tmp.resolve('classes').toString(),
                '-cp', cp, tmp.resolve('IgemExample.java').toString())
        def r = Processes.run([Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-cp',
                               tmp.resolve('classes').toString() + File.pathSeparator + cp, 'IgemExample'], tmp, 120)

        then:
        javac == 0
        r.exit == 0
        // no HikariCP / Flyway INFO lines: library logging stays quiet unless asked
        r.err.isEmpty()
        r.out.readLines().last() == 'true'
        Files.isRegularFile(tmp.resolve('snapshots/today/manifest.json'))
    }
}
