package org.igem


import org.igem.core.Version;

import org.igem.support.Processes
import org.igem.support.Project
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** igem.java through scripts/jbang (JBang from Maven Central), and the checkout's catalog alias igem-dev. Slow: runs after packaging. */
class JBangLaunchSpec extends Specification {
    @TempDir Path tmp

    static Map jbang(String... args) {
        jbangWith([:], args)
    }

    static Map jbangWith(Map<String, String> env, String... args) {
        Processes.run([Project.file('scripts/jbang').toString()] + (args as List), Project.dir, 600, env)
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

    def "the igem-dev alias of the local jbang-catalog.json works from the repository"() {
        given:
        String uri = "sqlite:${tmp.resolve('alias.db')}"

        when:
        def c = jbang('igem-dev', 'db', 'create', '--db-uri', uri)
        def u = jbang('igem-dev', 'db', 'upgrade', '--db-uri', uri)
        def bad = jbang('igem-dev', 'db', 'status', '--db-uri', 'mysql://x')

        then:
        c.exit == 0
        u.exit == 0
        u.out.contains('no migrations to apply')
        bad.exit == 2
        bad.err.contains("unknown URI scheme 'mysql'")
    }

    def "igem run through the alias fetches Groovy on first use, compiles the DSL once and runs the contract script"() {
        given: 'the launcher itself does not carry Groovy (a cold `jbang igem@…` stays small)'
        String uri = "sqlite:${tmp.resolve('run.db')}"
        Path cache = tmp.resolve('cache')
        Map env = [XDG_CACHE_HOME: cache.toString()]
        String script = Project.file('examples/contract.groovy').toString()

        when:
        def c = jbang('igem-dev', 'db', 'create', '--db-uri', uri)
        def first = jbangWith(env, 'igem-dev', '--db-uri', uri, 'run', script, tmp.resolve('snap1').toString())
        List<Path> entries = cache.resolve('igem/dsl').toFile().listFiles()*.toPath()
        def second = jbangWith(env, 'igem-dev', '--db-uri', uri, 'run', script, tmp.resolve('snap2').toString())

        then:
        c.exit == 0
        first.exit == 0
        first.out.readLines().last() == 'steps ok'
        second.exit == 0
        second.out.readLines().last() == 'steps ok'
        // one cache entry, complete (no temp directory left behind), reused by the second run
        entries.size() == 1
        entries[0].resolve('org/igem/dsl/GroovyOpsRunner.class').toFile().isFile()
        cache.resolve('igem/dsl').toFile().listFiles()*.name == entries*.fileName*.toString()
    }

    def "a failing step run through JBang still gives one line naming the script line"() {
        given:
        Path cache = tmp.resolve('cache')
        Path bad = tmp.resolve('bad.groovy')
        bad.toFile().text = "println 'before'\nfail 'stopping here'\n"

        when:
        def r = jbangWith([XDG_CACHE_HOME: cache.toString()], 'igem-dev', '--db-uri', "sqlite:${tmp.resolve('b.db')}", 'run', bad.toString())

        then:
        r.exit == 1
        r.out.readLines() == ['before']
        r.err.readLines().findAll { !it.startsWith('[jbang]') } == [
                'igem run: resolving org.apache.groovy:groovy:5.0.7 through JBang (first igem run only; may download ~8 MB)',
                'error: bad.groovy:2: step fail failed: stopping here']
    }
}
