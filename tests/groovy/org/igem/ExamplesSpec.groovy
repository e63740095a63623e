package org.igem

import com.sun.net.httpserver.HttpServer
import org.igem.nlp.SyntheticVocabulary
import org.igem.support.Backend
import org.igem.support.CliRun
import org.igem.support.Project
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.LocalDate
import java.time.ZoneOffset

/** Every example under examples/ runs as documented: SQLite, PostgreSQL where it applies, a loopback HTTP server. */
class ExamplesSpec extends Specification {
    @Shared List<Backend> backends = Backend.both()
    @TempDir Path tmp

    def cleanupSpec() {
        backends*.cleanup()
    }

    static String example(String name) {
        Project.file("examples/$name").toString()
    }

    def "the DSL contract script prints 'steps ok' on #backend"() {
        given:
        String uri = backend.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', uri, 'run', example('contract.groovy'), tmp.resolve('snap').toString())

        then:
        r.exit == 0
        r.out.readLines().last() == 'steps ok'
        Files.exists(tmp.resolve('snap/nlp/igem-java/metadata.json'))

        where:
        backend << backends
    }

    def "deploy: a database behind head gets its SQL saved, is upgraded and ends at head (#backend)"() {
        given:
        String uri = backend.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri, '--target', '7a8b9c0d1e2f').exit == 0

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', uri, 'run', example('deploy.groovy'), tmp.toString())
        String today = LocalDate.now(ZoneOffset.UTC).toString()

        then:
        r.exit == 0
        r.out.contains('deployed: 846c774a8f66')
        Files.readString(tmp.resolve("pending-${today}.sql")).contains('V2__variant_partitioning_m1.sql')
        CliRun.run('db', 'status', '--check', '--db-uri', uri).exit == 0

        when: 'run again at head: nothing to save, still fine'
        Files.delete(tmp.resolve("pending-${today}.sql"))
        def again = CliRun.run([cwd: tmp], '--db-uri', uri, 'run', example('deploy.groovy'), tmp.toString())

        then:
        again.exit == 0
        !Files.exists(tmp.resolve("pending-${today}.sql"))

        where:
        backend << backends
    }

    def "deploy --plan on a database behind head shows the upgrade's SQL, applies nothing and succeeds (#backend)"() {
        given:
        String uri = backend.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri, '--target', '7a8b9c0d1e2f').exit == 0

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', uri, 'run', '--plan', example('deploy.groovy'), tmp.toString())

        then:
        r.exit == 0
        r.err.isEmpty()
        r.out.contains('[plan] upgrade: would apply 1 migration(s)')
        r.out.readLines().last() == 'plan only, nothing applied: 7a8b9c0d1e2f'
        // still behind head
        CliRun.run('db', 'status', '--check', '--db-uri', uri).exit == 3

        where:
        backend << backends
    }

    def "the README's deploy snippet is examples/deploy.groovy, byte for byte"() {
        given:
        String readme = Project.file('README.md').toFile().text
        def blocks = (readme =~ /(?s)```groovy\n(.*?)```/).collect { it[1] }

        expect:
        blocks.find { it.startsWith('// examples/deploy.groovy') } == Project.file('examples/deploy.groovy').toFile().text
    }

    def "deploy refuses an unversioned database with one line naming the script line"() {
        given:
        Backend lite = backends[1]
        String uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        lite.sql(uri).with { it.execute('DROP TABLE flyway_schema_history'); it.close() }

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', uri, 'run', example('deploy.groovy'), tmp.toString())

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.startsWith('error: deploy.groovy:6: step fail failed: database is not versioned')
    }

    def "nightly: export, NLP cache, verify, and only the newest N snapshots are kept (#backend)"() {
        given:
        String uri = backend.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '300', '--db-uri', uri).exit == 0
        Path root = Files.createDirectories(tmp.resolve('snapshots'))
        ['2026-01-01', '2026-01-02', '2026-01-03'].each {
            Files.createDirectories(root.resolve(it))
            Files.writeString(root.resolve("$it/manifest.json"), '{"tables": {}}')
        }
        Files.createDirectories(root.resolve('not-a-snapshot'))
        String today = LocalDate.now(ZoneOffset.UTC).toString()

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', uri, 'run', example('nightly.groovy'), root.toString(), '2')

        then:
        r.exit == 0
        Files.list(root).map { it.fileName.toString() }.toList().toSorted() == ['2026-01-03', 'not-a-snapshot', today].toSorted()
        Files.exists(root.resolve("$today/nlp/igem-java/dictionary.bin"))
        CliRun.run('db', 'verify', root.resolve(today).toString()).exit == 0
        r.out.contains('removing old snapshot 2026-01-01')

        where:
        backend << backends
    }

    def "hpc: download from a loopback server, verify, search smoke test"() {
        given: 'a published snapshot with its NLP cache, served over HTTP on 127.0.0.1'
        Backend lite = backends[1]
        String uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '300', '--db-uri', uri).exit == 0
        Path published = tmp.resolve('published')
        assert CliRun.run('db', 'export', '--db-uri', uri, '--output', published.toString()).exit == 0
        assert CliRun.run('db', 'snapshot-nlp', published.toString()).exit == 0
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        server.createContext('/') { ex ->
            Path f = published.resolve(ex.requestURI.path.substring(1)).normalize()
            if (f.startsWith(published) && Files.isRegularFile(f)) {
                byte[] b = Files.readAllBytes(f)
                ex.sendResponseHeaders(200, b.length)
                ex.responseBody.withCloseable { it.write(b) }
            } else {
                ex.sendResponseHeaders(404, -1)
                ex.close()
            }
        }
        server.start()
        String url = "http://127.0.0.1:${server.address.port}/"
        def gene = SyntheticVocabulary.aliasesOf(1, 42).find { it.primary() }.value()

        when:
        def r = CliRun.run([cwd: tmp], 'run', example('hpc.groovy'), url, tmp.resolve('local').toString(), "about $gene today")

        then:
        r.exit == 0
        r.out.contains('downloaded')
        r.out.contains('smoke test: ')
        !r.out.contains('smoke test: 0 hit(s)')
        r.out.contains("$gene -> $gene")
        Files.exists(tmp.resolve('local/manifest.json'))

        cleanup:
        server?.stop(0)
    }

    def "explore: entities sharing an alias, with types and relationships, on a snapshot and on #kind"() {
        given: 'two entities sharing the alias "IL 6" and a relationship between them'
        Backend lite = backends[1]
        String uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        lite.sql(uri).with {
            it.execute("INSERT INTO entities (id, type_id) VALUES (1, 2), (2, 3), (3, 2)")
            it.execute("""INSERT INTO entity_aliases (id, entity_id, alias_value, alias_norm, is_primary) VALUES
                (1, 1, 'IL6', 'il6', 1), (2, 1, 'IL 6', 'il 6', 0), (3, 2, 'IL-6 protein', 'il 6 protein', 1),
                (4, 2, 'IL-6', 'il 6', 0), (5, 3, 'TP53', 'tp53', 1)""")
            it.execute("""INSERT INTO entity_relationships (id, entity_1_id, relationship_type_id, entity_2_id, discovery_method)
                VALUES (1, 1, 1, 2, 'manual'), (2, 3, 1, 2, 'manual')""")
            it.close()
        }
        Path snap = tmp.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', uri, '--output', snap.toString()).exit == 0
        String where = kind == 'snapshot' ? snap.toString() : uri

        when:
        def r = CliRun.run([cwd: tmp], '--db-uri', where, 'run', example('explore.groovy'), 'IL 6', 'rels.csv')

        then:
        r.exit == 0
        r.out.readLines().take(6) == ["2 entities share the alias 'il 6'", "  IL6 (Genes) as 'IL 6'",
                                      "  IL-6 protein (Proteins) as 'IL-6'", 'relationships:',
                                      '  IL6 -is_a-> IL-6 protein (Proteins)', '  TP53 -is_a-> IL-6 protein (Proteins)']
        Files.readAllLines(tmp.resolve('rels.csv')) == ['entity,relationship,other,other_type',
                                                        'IL6,is_a,IL-6 protein,Proteins', 'TP53,is_a,IL-6 protein,Proteins']

        where:
        kind << ['snapshot', 'sqlite']
    }

    def "the example .igem.toml resolves its relative SQLite path next to itself"() {
        given:
        Path project = Files.createDirectories(tmp.resolve('project'))
        Files.copy(Project.file('examples/.igem.toml'), project.resolve('.igem.toml'))
        Files.createDirectories(project.resolve('data'))
        Path work = Files.createDirectories(project.resolve('some/sub/dir'))

        when:
        def c = CliRun.run([cwd: work], 'db', 'create')
        def s = CliRun.run([cwd: work], 'db', 'status', '--check')

        then:
        c.exit == 0
        s.exit == 0
        Files.exists(project.resolve('data/igem.db'))
    }
}
