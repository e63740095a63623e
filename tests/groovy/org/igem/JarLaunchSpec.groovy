package org.igem


import org.igem.core.Version;

import org.igem.support.Processes
import org.igem.support.Project
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The packaged CLI as a user runs it: java -jar target/igem.jar (run by Failsafe after packaging). */
class JarLaunchSpec extends Specification {
    @TempDir Path tmp

    static Map run(Path cwd, String... args) {
        runWith([:], cwd, args)
    }

    static Map runWith(Map<String, String> env, Path cwd, String... args) {
        Processes.run([Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-jar',
                       Project.file('target/igem.jar').toString()] + (args as List), cwd, 120, env)
    }

    def "SQLite's native library is extracted once into the user's cache, and an unusable cache changes nothing"() {
        given:
        Path cache = tmp.resolve('cache')
        String uri = "sqlite:${tmp.resolve('n.db')}"
        Path blocked = tmp.resolve('blocked')
        blocked.toFile().text = 'a file where the cache directory would go'

        when:
        def c = runWith([XDG_CACHE_HOME: cache.toString()], tmp, 'db', 'create', '--db-uri', uri)
        def libs = []
        cache.toFile().eachFileRecurse { if (it.name.startsWith('libsqlitejdbc')) libs << it }
        long stamp = libs ? libs[0].lastModified() : 0
        def s = runWith([XDG_CACHE_HOME: cache.toString()], tmp, 'db', 'status', '--db-uri', uri)
        def noCache = runWith([XDG_CACHE_HOME: blocked.toString()], tmp, 'db', 'status', '--db-uri', uri)

        then:
        c.exit == 0
        libs.size() == 1
        libs[0].path.contains('/igem/native/sqlite-jdbc-')
        libs[0].length() > 100_000
        // no temp file left next to it; the second run reused it
        libs[0].parentFile.list().toList() == [libs[0].name]
        libs[0].lastModified() == stamp
        s.exit == 0
        s.out.contains('→ up-to-date.')
        noCache.exit == 0
        noCache.out.contains('→ up-to-date.')
        noCache.err.isEmpty()
    }

    def "the jar carries no DuckDB: db query on a snapshot fetches it once (loopback repository), then runs from the cache"() {
        given: 'a snapshot, a loopback Maven repository holding the jar, no local repository, a fresh cache'
        String uri = "sqlite:${tmp.resolve('q.db')}"
        assert run(tmp, 'db', 'create', '--db-uri', uri).exit == 0
        assert run(tmp, 'db', 'export', '--db-uri', uri, '--output', tmp.resolve('snap').toString()).exit == 0
        Path jar = QuerySpec.localDuckDbJar()
        Path dir = tmp.resolve("repo/org/duckdb/duckdb_jdbc/${org.igem.query.DuckDbJar.VERSION}")
        dir.toFile().mkdirs()
        java.nio.file.Files.copy(jar, dir.resolve(jar.fileName))
        def server = QuerySpec.serve(tmp.resolve('repo'))
        Map env = [XDG_CACHE_HOME: tmp.resolve('cache').toString(), IGEM_MAVEN_LOCAL: tmp.resolve('none').toString(),
                   IGEM_MAVEN_REPO: "http://127.0.0.1:${server.address.port}".toString()]
        boolean shipsDuckDb = new java.util.zip.ZipFile(Project.file('target/igem.jar').toFile()).withCloseable { z ->
            z.entries().toList().any { it.name.startsWith('org/duckdb/') || it.name.startsWith('libduckdb') }
        }

        when:
        def first = runWith(env, tmp, 'db', 'query', '--db-uri', tmp.resolve('snap').toString(), '--format', 'csv',
                'SELECT count(*) AS n FROM entity_types')
        def again = runWith(env, tmp, 'db', 'query', '--db-uri', tmp.resolve('snap').toString(), '--format', 'csv',
                'SELECT count(*) AS n FROM entity_types')

        then:
        !shipsDuckDb
        first.exit == 0
        first.out.readLines() == ['n', '14']
        first.err.readLines().size() == 1
        first.err.startsWith('fetching DuckDB')
        again.exit == 0
        again.err == ''

        cleanup:
        server?.stop(0)
    }

    def "SIGTERM while a long result streams into --output leaves neither the file nor a part file"() {
        given:
        String uri = "sqlite:${tmp.resolve('t.db')}"
        assert run(tmp, 'db', 'create', '--db-uri', uri).exit == 0
        assert run(tmp, 'db', 'export', '--db-uri', uri, '--output', tmp.resolve('snap').toString()).exit == 0
        Path out = tmp.resolve('out')
        out.toFile().mkdirs()
        def pb = new ProcessBuilder([Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-jar',
                Project.file('target/igem.jar').toString(), 'db', 'query', '--db-uri', tmp.resolve('snap').toString(),
                '--format', 'csv', '--output', out.resolve('big.csv').toString(),
                'SELECT range AS n, md5(range::VARCHAR) AS h FROM range(1000000000)']).directory(tmp.toFile())
        pb.environment().remove('DATABASE_URL')
        def p = pb.redirectErrorStream(true).start()

        when: 'the part file is growing, the process is asked to stop'
        long deadline = System.currentTimeMillis() + 120_000
        while (System.currentTimeMillis() < deadline && !out.toFile().listFiles().any { it.name.endsWith('.part') && it.length() > 0 }) {
            Thread.sleep(100)
        }
        boolean sawPart = out.toFile().listFiles().any { it.name.endsWith('.part') }
        p.destroy()   // SIGTERM
        p.waitFor()

        then:
        sawPart
        out.toFile().listFiles().toList() == []
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
        verifyEach(['create', 'upgrade', 'status', 'stamp-head', 'migrate-dry-run', 'info']) { dbh.out.contains(it) }
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

    def "the packaged jar reaches PostgreSQL through its Unix-domain socket (junixsocket's native library loads from the shaded jar)"() {
        given:
        def pg = org.igem.support.Backend.postgres()
        String uri = "postgresql:///${pg.newName()}?host=/var/run/postgresql".toString()

        when:
        def c = run(tmp, 'db', 'create', '--db-uri', uri)
        def s = run(tmp, 'db', 'status', '--check', '--db-uri', uri)
        def i = run(tmp, 'db', 'info', '--db-uri', uri)

        then:
        verifyAll {
            c.exit == 0
            c.err.isEmpty()
            s.exit == 0
            s.out.contains('→ up-to-date.')
            i.out.contains('/var/run/postgresql/.s.PGSQL.5432 (Unix socket)')
        }

        cleanup:
        pg.cleanup()
    }
}
