package org.igem

import org.igem.support.Processes
import org.igem.support.Project
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** igem.java through scripts/jbang (JBang from Maven Central), and the catalog alias. Slow: runs after packaging. */
class JBangLaunchSpec extends Specification {
    @TempDir Path tmp

    static Map jbang(String... args) {
        Processes.run([Project.file('scripts/jbang').toString()] + (args as List), Project.dir, 600)
    }

    def "scripts/jbang igem.java runs the same CLI"() {
        given:
        String uri = "sqlite:${tmp.resolve('jb.db')}"

        when:
        def v = jbang('igem.java', '--version')
        def c = jbang('igem.java', 'db', 'create', '--db-uri', uri)
        def s = jbang('igem.java', 'db', 'status', '--db-uri', uri)

        then:
        v.exit == 0
        v.out.startsWith("igem ${Version.VERSION}")
        c.exit == 0
        c.out.readLines().last() == 'Stamp complete.'
        s.exit == 0
        s.out.contains('→ up-to-date.')
    }

    def "the igem alias of the local jbang-catalog.json works from the repository"() {
        given:
        String uri = "sqlite:${tmp.resolve('alias.db')}"

        when:
        def c = jbang('igem', 'db', 'create', '--db-uri', uri)
        def u = jbang('igem', 'db', 'upgrade', '--db-uri', uri)
        def bad = jbang('igem', 'db', 'status', '--db-uri', 'mysql://x')

        then:
        c.exit == 0
        u.exit == 0
        u.out.contains('no migrations to apply')
        bad.exit == 2
        bad.err.contains("unknown URI scheme 'mysql'")
    }
}
