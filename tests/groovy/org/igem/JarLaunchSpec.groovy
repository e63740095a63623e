package org.igem

import org.igem.support.Processes
import org.igem.support.Project
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The packaged CLI as a user runs it: java -jar target/igem.jar (run by Failsafe after packaging). */
class JarLaunchSpec extends Specification {
    @TempDir Path tmp

    static Map run(Path cwd, String... args) {
        Processes.run([Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-jar',
                       Project.file('target/igem.jar').toString()] + (args as List), cwd)
    }

    def "--version and --help"() {
        when:
        def v = run(tmp, '--version')
        def h = run(tmp, '--help')
        def dbh = run(tmp, 'db', '--help')

        then:
        v.exit == 0
        v.out.startsWith("igem ${Version.VERSION}")
        h.exit == 0
        h.out.contains('Usage: igem')
        h.out.contains('db')
        dbh.exit == 0
        ['create', 'upgrade', 'status', 'stamp-head', 'migrate-dry-run', 'info'].every { dbh.out.contains(it) }
    }

    def "usage errors exit 2 with one line and no stack trace"() {
        when:
        def r = run(tmp, 'db', 'status', '--nope')

        then:
        r.exit == 2
        r.err.readLines().findAll { it.trim() }.size() == 1
        !r.err.contains('\tat ')
    }

    def "create and status on the embedded SQLite default, relative path from .igem.toml"() {
        given:
        java.nio.file.Files.writeString(tmp.resolve('.igem.toml'), '[database]\nuri = "sqlite:data.db"\n')
        def sub = tmp.resolve('sub')
        sub.toFile().mkdirs()

        when:
        def c = run(sub, 'db', 'create')
        def s = run(sub, 'db', 'status', '--check')

        then:
        c.exit == 0
        c.out.readLines().last() == 'Stamp complete.'
        tmp.resolve('data.db').toFile().isFile()
        !sub.resolve('data.db').toFile().exists()
        s.exit == 0
        s.out.contains('→ up-to-date.')
        c.err.isEmpty() // library logs stay quiet
    }
}
