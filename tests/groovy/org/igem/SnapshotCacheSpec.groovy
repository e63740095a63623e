package org.igem

import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.igem.support.Backend
import org.igem.support.CliRun
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

/**
 * The NLP caches inside a snapshot, through the real CLI: this tool's cache in nlp/igem-java/ next
 * to the Python igem-server's nlp/alias_dictionary.bin, provenance (a cache built from other table
 * files is stale), crafted caches whose hashes match, FIFOs, debris of killed runs, mistyped Parquet.
 */
class SnapshotCacheSpec extends Specification {
    @Shared Backend lite = Backend.sqlite()
    @Shared String uri
    @Shared @TempDir Path shared
    @Shared Path exported

    @TempDir Path tmp

    def setupSpec() {
        uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '300', '--seed', '5', '--db-uri', uri).exit == 0
        exported = shared.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', uri, '--output', exported.toString()).exit == 0
    }

    def cleanupSpec() {
        lite.cleanup()
    }

    // ------------------------------------------------------------------ helpers

    /** A private copy of the exported snapshot (tables only). */
    Path snapshot(String name = 'snap') {
        Path copy = tmp.resolve(name)
        Files.createDirectories(copy)
        Files.list(exported).withCloseable { s -> s.each { Files.copy(it, copy.resolve(it.fileName)) } }
        copy
    }

    Path withCache(String name = 'snap') {
        Path snap = snapshot(name)
        def r = CliRun.run('db', 'snapshot-nlp', snap.toString())
        assert r.exit == 0: r
        snap
    }

    static Map manifest(Path snap) { new JsonSlurper().parse(snap.resolve('manifest.json').toFile()) as Map }

    static void writeManifest(Path snap, Map m) { Files.writeString(snap.resolve('manifest.json'), JsonOutput.prettyPrint(JsonOutput.toJson(m))) }

    static String sha256(byte[] b) { MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }

    static String sha256(Path p) { sha256(Files.readAllBytes(p)) }

    /** The Python igem-server's cache as its snapshot-nlp writes it: a pickle, its metadata.json, the manifest's nlp key. */
    static byte[] fakePythonCache(Path snap) {
        Path nlp = Files.createDirectories(snap.resolve('nlp'))
        byte[] pickle = ('\u0080\u0005\u0095fake pickle of the Python AliasDictionary state' as String).getBytes('ISO-8859-1')
        Files.write(nlp.resolve('alias_dictionary.bin'), pickle)
        def meta = [version: 1, built_at: '2026-11-30T10:00:00.123456+00:00', build_seconds: 61.2, file: 'alias_dictionary.bin',
                    size_bytes: pickle.length, sha256: sha256(pickle), alias_count: 1200, norm_count: 900, name_cache_count: 300,
                    min_alias_length: 3, stopwords_count: 60, filtered_short: 4, filtered_stopword: 2, package_version: '0.1.0',
                    pickle_protocol: 5]
        Files.writeString(nlp.resolve('metadata.json'), JsonOutput.prettyPrint(JsonOutput.toJson(meta)))
        def m = manifest(snap)
        m.nlp = [directory: 'nlp', file: 'nlp/alias_dictionary.bin', size_bytes: pickle.length, sha256: sha256(pickle),
                 alias_count: 1200, built_at: meta.built_at]
        writeManifest(snap, m)
        pickle
    }

    /** One alias that only the second export has. */
    static final String NEW_ALIAS = 'Zyxolamide-Q7'

    /** A second export of the database with {@link #NEW_ALIAS} added (the first export stays as it was). */
    static void addAlias(Backend b, String dbUri) {
        b.sql(dbUri).withCloseable { sql ->
            def e = sql.firstRow('SELECT id, type_id FROM entities ORDER BY id LIMIT 1')
            sql.executeInsert("INSERT INTO entity_aliases (entity_id, type_id, alias_value, alias_norm, alias_type, xref_source, is_primary, is_active) " +
                    "VALUES (?, ?, ?, ?, 'synonym', 'SPEC', false, true)", [e.id, e.type_id, NEW_ALIAS, 'zyxolamide q7'])
        }
    }

    static List lookupJson(Path snap, String alias) {
        def r = CliRun.run('nlp', 'lookup', '--json', '--db-uri', snap.toString(), alias)
        assert r.exit == 0: r
        new JsonSlurper().parseText(r.out) as List
    }

    // ------------------------------------------------------------------ both tools' caches

    def "snapshot-nlp next to the Python tool's cache: ours goes to nlp/igem-java/, theirs and their nlp key stay byte for byte"() {
        given:
        Path snap = snapshot()
        byte[] pickle = fakePythonCache(snap)
        String pyMeta = Files.readString(snap.resolve('nlp/metadata.json'))
        def pyEntry = manifest(snap).nlp

        when:
        def r = CliRun.run('db', 'snapshot-nlp', snap.toString())
        def m = manifest(snap)

        then:
        r.exit == 0
        verifyAll {
            Files.readAllBytes(snap.resolve('nlp/alias_dictionary.bin')) == pickle
            Files.readString(snap.resolve('nlp/metadata.json')) == pyMeta
            m.nlp == pyEntry
            m.igem_java_nlp.file == 'nlp/igem-java/dictionary.bin'
            m.igem_java_nlp.metadata.file == 'nlp/igem-java/metadata.json'
            m.igem_java_nlp.sha256 == sha256(snap.resolve('nlp/igem-java/dictionary.bin'))
            m.igem_java_nlp.metadata.sha256 == sha256(snap.resolve('nlp/igem-java/metadata.json'))
            m.igem_java_nlp.source_tables.entity_aliases.sha256 == m.tables.entity_aliases.sha256
            r.out.contains("Output         : ${snap.resolve('nlp/igem-java')}")
        }
    }

    def "db verify checks both caches: ours fully, the Python one by its manifest entry's hash"() {
        given:
        Path snap = withCache()
        fakePythonCache(snap)

        when:
        def ok = CliRun.run('db', 'verify', snap.toString())
        Path py = snap.resolve('nlp/alias_dictionary.bin')
        byte[] b = Files.readAllBytes(py)
        b[5] ^= 0x20
        Files.write(py, b)
        def bad = CliRun.run('db', 'verify', snap.toString())

        then:
        verifyAll {
            ok.exit == 0
            ok.out =~ /nlp\/alias_dictionary\.bin\s+\S+ B\s+OK/
            ok.out =~ /nlp\/igem-java\/dictionary\.bin\s+.*OK/
            ok.out =~ /nlp\/igem-java\/metadata\.json\s+.*OK/
            bad.exit == 1
            bad.out =~ /nlp\/alias_dictionary\.bin\s+.*MISMATCH/
            bad.errLines == ['error: 1 of ' + (manifest(snap).tables.size() + 3) + ' file(s) failed verification: nlp/alias_dictionary.bin (mismatch)']
        }
    }

    def "with only the Python tool's cache, search says so in one line and builds in memory; snapshot-nlp needs no --overwrite"() {
        given:
        Path snap = snapshot()
        fakePythonCache(snap)
        String alias = lookupAnyAlias(snap)

        when:
        def r = CliRun.run('nlp', 'lookup', '--db-uri', snap.toString(), alias)
        def build = CliRun.run('db', 'snapshot-nlp', snap.toString())
        def after = CliRun.run('nlp', 'lookup', '--db-uri', snap.toString(), alias)

        then:
        verifyAll {
            r.exit == 0
            r.errLines == ["warning: nlp: only the Python igem-server's cache is present; building in memory (run `igem db snapshot-nlp` to cache it)"]
            !r.out.contains('(no entries)')
            build.exit == 0
            after.exit == 0
            after.err == ''
            after.out == r.out
        }
    }

    String lookupAnyAlias(Path snap) {
        def r = CliRun.run('nlp', 'search', '--json', '--db-uri', uri, 'x')
        // any alias of the database: the first primary name the SQL index knows
        def sql = lite.sql(uri)
        try {
            sql.firstRow("SELECT alias_value FROM entity_aliases WHERE is_active AND length(alias_norm) > 5 ORDER BY id LIMIT 1").alias_value
        } finally {
            sql.close()
        }
    }

    def "an old-layout cache of this tool (nlp/dictionary.bin) is legacy: rebuilt in memory with one line, STALE in verify, replaced by snapshot-nlp"() {
        given: 'a snapshot as the previous igem-java left it'
        Path snap = withCache()
        Files.move(snap.resolve('nlp/igem-java/dictionary.bin'), snap.resolve('nlp/dictionary.bin'))
        Files.move(snap.resolve('nlp/igem-java/metadata.json'), snap.resolve('nlp/metadata.json'))
        Files.delete(snap.resolve('nlp/igem-java'))
        def m = manifest(snap)
        def own = m.remove('igem_java_nlp')
        m.nlp = [directory: 'nlp', file: 'nlp/dictionary.bin', size_bytes: own.size_bytes, sha256: own.sha256, alias_count: own.alias_count,
                 built_at: own.built_at]
        writeManifest(snap, m)
        String alias = lookupAnyAlias(snap)

        when:
        def lookup = CliRun.run('nlp', 'lookup', '--db-uri', snap.toString(), alias)
        def verify = CliRun.run('db', 'verify', snap.toString())
        def build = CliRun.run('db', 'snapshot-nlp', snap.toString())
        def after = manifest(snap)

        then:
        verifyAll {
            lookup.exit == 0
            lookup.errLines.size() == 1
            lookup.errLines[0].contains('old layout')
            !lookup.out.contains('(no entries)')
            verify.exit == 1
            verify.out =~ /nlp\/dictionary\.bin\s+.*STALE/
            build.exit == 0
            build.err.contains('removed the old-layout igem-java cache')
            !Files.exists(snap.resolve('nlp/dictionary.bin'))
            !Files.exists(snap.resolve('nlp/metadata.json'))
            after.nlp == null
            after.igem_java_nlp.file == 'nlp/igem-java/dictionary.bin'
            CliRun.run('db', 'verify', snap.toString()).exit == 0
        }
    }

    // ------------------------------------------------------------------ stale caches

    def "export --overwrite on #backend into a snapshot with both caches: ours removed, the Python one set aside, the new alias is found, verify clean"() {
        given:
        String db = backend.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', db).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '50', '--seed', '3', '--db-uri', db).exit == 0
        Path snap = tmp.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', db, '--output', snap.toString()).exit == 0
        assert CliRun.run('db', 'snapshot-nlp', snap.toString()).exit == 0
        fakePythonCache(snap)
        addAlias(backend, db)

        when:
        def r = CliRun.run('db', 'export', '--db-uri', db, '--output', snap.toString(), '--overwrite')
        def found = lookupJson(snap, NEW_ALIAS)
        def verify = CliRun.run('db', 'verify', snap.toString())
        def m = manifest(snap)

        then:
        verifyAll {
            r.exit == 0
            r.all.contains('removed the igem-java NLP cache')
            r.all.contains("set aside the Python igem-server's cache")
            !Files.exists(snap.resolve('nlp/igem-java'))
            !Files.exists(snap.resolve('nlp/alias_dictionary.bin'))
            Files.list(snap.resolve('nlp')).withCloseable { s -> s.anyMatch { it.fileName.toString().startsWith('stale-python-') } }
            m.nlp == null
            m.igem_java_nlp == null
            found*.alias == [NEW_ALIAS]
            verify.exit == 0
        }

        cleanup:
        backend.cleanup()

        where:
        backend << [Backend.postgres(), Backend.sqlite()]
    }

    def "export --overwrite with the same tables keeps both caches and records them again"() {
        given:
        Path snap = tmp.resolve('same')
        assert CliRun.run('db', 'export', '--db-uri', uri, '--output', snap.toString()).exit == 0
        assert CliRun.run('db', 'snapshot-nlp', snap.toString()).exit == 0
        fakePythonCache(snap)
        def before = manifest(snap)

        when:
        def r = CliRun.run('db', 'export', '--db-uri', uri, '--output', snap.toString(), '--overwrite')
        def m = manifest(snap)

        then:
        verifyAll {
            r.exit == 0
            !r.all.contains('removed')
            !r.all.contains('set aside')
            m.igem_java_nlp == before.igem_java_nlp
            m.nlp == before.nlp
            CliRun.run('db', 'verify', snap.toString()).exit == 0
        }
    }

    def "a cache built from other table files is not used: one warning, answers from the current tables; verify says STALE"() {
        given: 'the cache of the first export, next to the tables of a second one'
        Path old = withCache('old')
        Path db = tmp.resolve('second.db')
        Files.copy(Path.of(uri.substring('sqlite:'.length())), db)
        addAlias(lite, "sqlite:$db")
        Path snap = tmp.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', "sqlite:$db", '--output', snap.toString()).exit == 0
        Files.createDirectories(snap.resolve('nlp'))
        Files.move(old.resolve('nlp/igem-java'), snap.resolve('nlp/igem-java'))

        when:
        def r = CliRun.run('nlp', 'lookup', '--json', '--db-uri', snap.toString(), NEW_ALIAS)
        def verify = CliRun.run('db', 'verify', snap.toString())
        def again = CliRun.run('db', 'snapshot-nlp', snap.toString())

        then:
        verifyAll {
            r.exit == 0
            r.errLines.size() == 1
            r.errLines[0].contains('is stale: built from other table files')
            (new JsonSlurper().parseText(r.out) as List)*.alias == [NEW_ALIAS]
            verify.exit == 1
            verify.out =~ /nlp\/igem-java\/dictionary\.bin\s+.*STALE/
            again.exit == 1
            again.errLines == ["error: an NLP cache already exists in ${snap.resolve('nlp/igem-java')} (stale: built from other table files than the manifest's (entity_aliases)); use --overwrite to rebuild it"]
        }
    }

    def "snapshot-download without --include-nlp into a directory with a stale cache removes it; the new alias is found"() {
        given: 'a server with the second export; locally the first export with its cache'
        Path db = tmp.resolve('second.db')
        Files.copy(Path.of(uri.substring('sqlite:'.length())), db)
        addAlias(lite, "sqlite:$db")
        Path served = tmp.resolve('served')
        assert CliRun.run('db', 'export', '--db-uri', "sqlite:$db", '--output', served.toString()).exit == 0
        Path local = withCache('local')
        HttpServer server = serve(served)

        when:
        def r = CliRun.run('db', 'snapshot-download', '--url', "http://127.0.0.1:${server.address.port}/", '--output', local.toString())
        def found = lookupJson(local, NEW_ALIAS)

        then:
        verifyAll {
            r.exit == 0
            r.err.contains('removed the igem-java NLP cache')
            !Files.exists(local.resolve('nlp/igem-java'))
            manifest(local).igem_java_nlp == null
            found*.alias == [NEW_ALIAS]
            CliRun.run('db', 'verify', local.toString()).exit == 0
        }

        cleanup:
        server?.stop(0)
    }

    /** A real loopback HTTP server for the files of {@code served}. */
    static HttpServer serve(Path served) {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        server.createContext('/') { ex ->
            Path f = served.resolve(ex.requestURI.path.substring(1))
            if (Files.isRegularFile(f)) {
                byte[] b = Files.readAllBytes(f)
                ex.sendResponseHeaders(200, b.length)
                ex.responseBody.withCloseable { it.write(b) }
            } else {
                ex.sendResponseHeaders(404, -1)
                ex.close()
            }
        }
        server.start()
        server
    }

    def "snapshot-download --include-nlp of a snapshot with both caches fetches both; verify clean; lookup uses ours without a warning"() {
        given:
        Path served = withCache('served')
        byte[] pickle = fakePythonCache(served)
        HttpServer server = serve(served)
        Path local = tmp.resolve('local')
        String alias = lookupAnyAlias(served)

        when:
        def r = CliRun.run('db', 'snapshot-download', '--include-nlp', '--url', "http://127.0.0.1:${server.address.port}/", '--output', local.toString())
        def lookup = CliRun.run('nlp', 'lookup', '--db-uri', local.toString(), alias)
        def m = manifest(local)

        then:
        verifyAll {
            r.exit == 0
            Files.readAllBytes(local.resolve('nlp/alias_dictionary.bin')) == pickle
            Files.readAllBytes(local.resolve('nlp/igem-java/dictionary.bin')) == Files.readAllBytes(served.resolve('nlp/igem-java/dictionary.bin'))
            Files.readAllBytes(local.resolve('nlp/igem-java/metadata.json')) == Files.readAllBytes(served.resolve('nlp/igem-java/metadata.json'))
            m.nlp == manifest(served).nlp
            m.igem_java_nlp == manifest(served).igem_java_nlp
            CliRun.run('db', 'verify', local.toString()).exit == 0
            lookup.exit == 0
            lookup.err == ''
            !lookup.out.contains('(no entries)')
        }

        cleanup:
        server?.stop(0)
    }

    def "snapshot-download --include-nlp of a snapshot with only this tool's cache fetches it and does not say there is none"() {
        given:
        Path served = withCache('served-own')
        HttpServer server = serve(served)
        Path local = tmp.resolve('local-own')

        when:
        def r = CliRun.run('db', 'snapshot-download', '--include-nlp', '--url', "http://127.0.0.1:${server.address.port}/", '--output', local.toString())

        then:
        verifyAll {
            r.exit == 0
            !(r.out + r.err).contains('lists no NLP cache')
            Files.readAllBytes(local.resolve('nlp/igem-java/dictionary.bin')) == Files.readAllBytes(served.resolve('nlp/igem-java/dictionary.bin'))
            manifest(local).igem_java_nlp == manifest(served).igem_java_nlp
            CliRun.run('db', 'verify', local.toString()).exit == 0
        }

        cleanup:
        server?.stop(0)
    }

    // ------------------------------------------------------------------ crafted caches

    /** Patches the cache's dictionary.bin and fixes up every hash and size, so only the structure is wrong. */
    static void craft(Path snap, Closure patch) {
        Path bin = snap.resolve('nlp/igem-java/dictionary.bin')
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(bin)).order(ByteOrder.LITTLE_ENDIAN)
        long nodes = b.getLong(16)
        long[] off = (0..<14).collect { b.getLong(128 + 16 * it) } as long[]
        patch(b, nodes as int, off)
        Files.write(bin, b.array())
        Path metaFile = snap.resolve('nlp/igem-java/metadata.json')
        def meta = new JsonSlurper().parse(metaFile.toFile())
        meta.sha256 = sha256(b.array())
        Files.writeString(metaFile, JsonOutput.toJson(meta))
        def m = manifest(snap)
        m.igem_java_nlp.sha256 = meta.sha256
        m.igem_java_nlp.metadata.sha256 = sha256(metaFile)
        m.igem_java_nlp.metadata.size_bytes = Files.size(metaFile)
        writeManifest(snap, m)
    }

    /** Node record field: 0 child start, 1 failure link, 2 output, 3 label. */
    static void node(ByteBuffer b, long[] off, int n, int field, int value) { b.putInt((int) (off[0] + 16L * n + 4 * field), value) }

    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    def "a crafted cache whose hashes match (#what) is rejected with one warning and rebuilt; search answers as without a cache; verify says why"() {
        given:
        Path snap = withCache()
        String text = 'Among ' + lookupAnyAlias(snap) + ' and others'
        def expected = CliRun.run('nlp', 'search', '--json', '--db-uri', uri, text).out
        craft(snap, patch)

        when:
        def r = CliRun.run('nlp', 'search', '--json', '--db-uri', snap.toString(), text)
        def verify = CliRun.run('db', 'verify', snap.toString())

        then:
        verifyAll {
            r.exit == 0
            r.errLines.size() == 1
            r.errLines[0].contains('rejected')
            r.errLines[0].contains(reason)
            r.out == expected
            verify.exit == 1
            verify.out =~ /nlp\/igem-java\/dictionary\.bin\s+.*MISMATCH.*${java.util.regex.Pattern.quote(reason)}/
        }

        where:
        what                               | reason                                  | patch
        'self-looping failure link'        | 'failure link of node'                  | { ByteBuffer b, int n, long[] off -> (1..<n).each { node(b, off, it, 1, it) } }
        'failure link to a deeper node'    | 'failure link of node 1'                | { ByteBuffer b, int n, long[] off -> node(b, off, 1, 1, n - 1) }
        'sibling labels out of order'      | 'labels of the children of node 0'      | { ByteBuffer b, int n, long[] off -> node(b, off, 1, 3, b.getInt((int) off[0] + 16 + 12) | 0xFFFF) }
        'child block past the nodes'       | 'child block of node 1 out of range'    | { ByteBuffer b, int n, long[] off -> node(b, off, 1, 0, n + 50) }
        'key longer than its node'         | 'does not match its node\'s depth'      | { ByteBuffer b, int n, long[] off -> (0..<8).each { b.putInt((int) off[3] + 4 * it, 100000) } }
        'key index out of range'           | 'key index of node'                     | { ByteBuffer b, int n, long[] off -> (1..<n).each { b.putInt((int) off[1] + 4 * it, 1 << 30) } }
        'dictionary link loop'             | 'dictionary link of node'               | { ByteBuffer b, int n, long[] off -> (1..<n).each { b.putInt((int) off[2] + 4 * it, it) } }
        'string reference out of range'    | 'string reference'                      | { ByteBuffer b, int n, long[] off -> b.putInt((int) off[7], Integer.MAX_VALUE - 1) }
        'entry range out of order'         | 'entry range of key'                    | { ByteBuffer b, int n, long[] off -> b.putInt((int) off[4] + 4, 1 << 28) }
    }

    // ------------------------------------------------------------------ FIFOs

    static void mkfifo(Path p) {
        Files.deleteIfExists(p)
        def proc = new ProcessBuilder('mkfifo', p.toString()).start()
        assert proc.waitFor() == 0
    }

    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    def "a FIFO in place of #file: #command gives one line naming it and exits #exit, without hanging"() {
        given:
        Path snap = withCache()
        mkfifo(snap.resolve(file))

        when:
        def r = CliRun.run(args(snap))

        then:
        verifyAll {
            r.exit == exit
            r.errLines.size() == 1
            r.errLines[0].contains(snap.resolve(file).fileName.toString())
            r.errLines[0].contains('not a regular file')
        }

        where:
        file                           | command          | exit | args
        'entity_aliases.parquet'       | 'snapshot-nlp'   | 1    | { Path s -> ['db', 'snapshot-nlp', '--overwrite', s.toString()] }
        'entity_types.parquet'         | 'nlp lookup'     | 1    | { Path s -> Files.delete(s.resolve('nlp/igem-java/dictionary.bin')); ['nlp', 'lookup', '--db-uri', s.toString(), 'x'] }
        'nlp/igem-java/dictionary.bin' | 'nlp lookup'     | 0    | { Path s -> ['nlp', 'lookup', '--db-uri', s.toString(), 'x'] }
        'nlp/igem-java/metadata.json'  | 'nlp search'     | 0    | { Path s -> ['nlp', 'search', '--db-uri', s.toString(), 'x'] }
        'manifest.json'                | 'db verify'      | 1    | { Path s -> ['db', 'verify', s.toString()] }
    }

    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    def "db verify reports a FIFO as a file that is not regular, without reading it"() {
        given:
        Path snap = withCache()
        mkfifo(snap.resolve('entity_aliases.parquet'))
        mkfifo(snap.resolve('nlp/igem-java/dictionary.bin'))

        when:
        def r = CliRun.run('db', 'verify', snap.toString())

        then:
        verifyAll {
            r.exit == 1
            r.out =~ /entity_aliases\.parquet\s+.*MISMATCH \(not a regular file\)/
            r.out =~ /nlp\/igem-java\/dictionary\.bin\s+.*MISMATCH \(not a regular file\)/
        }
    }

    // ------------------------------------------------------------------ debris

    def "debris of a killed run (temporary files, a dictionary.bin without metadata.json) does not block snapshot-nlp and is removed"() {
        given:
        Path snap = snapshot()
        Path dir = Files.createDirectories(snap.resolve('nlp/igem-java'))
        Files.write(dir.resolve('dictionary.bin.tmp-1f2e3d4c5b6a7988'), new byte[4096])
        Files.write(dir.resolve('metadata.json.tmp-0a0b0c0d'), '{"vers'.bytes)
        Files.write(dir.resolve('dictionary.bin'), new byte[1024])
        Files.write(snap.resolve('nlp/dictionary.bin.tmp-77aa'), new byte[10])

        when:
        def r = CliRun.run('db', 'snapshot-nlp', snap.toString())

        then:
        verifyAll {
            r.exit == 0
            r.err.contains('by an interrupted run')
            Files.list(dir).withCloseable { s -> s.collect { it.fileName.toString() }.sort() } == ['dictionary.bin', 'metadata.json']
            Files.list(snap.resolve('nlp')).withCloseable { s -> s.collect { it.fileName.toString() }.sort() } == ['igem-java']
            CliRun.run('db', 'verify', snap.toString()).exit == 0
        }
    }

    def "a failure at metadata.json leaves no cache that makes the rerun refuse"() {
        given: 'metadata.json cannot be replaced (a non-empty directory in its place)'
        Path snap = snapshot()
        Path dir = Files.createDirectories(snap.resolve('nlp/igem-java/metadata.json'))
        Files.write(dir.resolve('x'), new byte[1])

        when:
        def failed = CliRun.run('db', 'snapshot-nlp', snap.toString())
        def afterFailure = manifest(snap)
        dir.toFile().deleteDir()
        def rerun = CliRun.run('db', 'snapshot-nlp', snap.toString())

        then:
        verifyAll {
            failed.exit == 1
            failed.errLines.size() == 1
            !Files.list(snap.resolve('nlp/igem-java')).withCloseable { s -> s.anyMatch { it.fileName.toString().contains('.tmp-') } }
            afterFailure.igem_java_nlp == null
            rerun.exit == 0
            CliRun.run('db', 'verify', snap.toString()).exit == 0
        }
    }

    static String java() { Path.of(System.getProperty('java.home'), 'bin', 'java').toString() }

    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    def "#signal while snapshot-nlp writes its cache: the next run cleans the temporary file and completes without --overwrite"() {
        given: 'a snapshot large enough that writing the cache takes a moment'
        Path big = tmp.resolve('big.db')
        assert CliRun.run('db', 'create', '--db-uri', "sqlite:$big").exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '60000', '--seed', '9', '--db-uri', "sqlite:$big").exit == 0
        Path snap = tmp.resolve('bigsnap')
        assert CliRun.run('db', 'export', '--db-uri', "sqlite:$big", '--output', snap.toString()).exit == 0
        Path dir = snap.resolve('nlp/igem-java')

        when:
        def p = new ProcessBuilder([java(), '-cp', System.getProperty('java.class.path'), 'org.igem.cli.IgemCli', 'db', 'snapshot-nlp', snap.toString()])
                .redirectErrorStream(true).redirectOutput(tmp.resolve('child.log').toFile()).start()
        long end = System.currentTimeMillis() + 120_000
        boolean caught = false
        while (p.alive && System.currentTimeMillis() < end) {
            if (Files.isDirectory(dir) && Files.list(dir).withCloseable { s -> s.anyMatch { it.fileName.toString().startsWith('dictionary.bin.tmp-') } }) {
                new ProcessBuilder('kill', "-$signal", "${p.pid()}").start().waitFor()
                caught = true
                break
            }
            Thread.sleep(1)
        }
        p.waitFor(60, TimeUnit.SECONDS)
        List<String> left = Files.list(dir).withCloseable { s -> s.collect { it.fileName.toString() } }
        def rerun = CliRun.run('db', 'snapshot-nlp', snap.toString())

        then:
        verifyAll {
            caught
            p.exitValue() != 0
            left.any { it.startsWith('dictionary.bin.tmp-') }
            !left.contains('metadata.json')
            rerun.exit == 0
            Files.list(dir).withCloseable { s -> s.collect { it.fileName.toString() }.sort() } == ['dictionary.bin', 'metadata.json']
            CliRun.run('db', 'verify', snap.toString()).exit == 0
        }

        where:
        signal << ['KILL', 'TERM', 'INT']
    }

    // ------------------------------------------------------------------ mistyped and damaged Parquet

    def "a mistyped alias column (#column stored as #sqlType) is one line naming the file, the column, the expected and the found type"() {
        given: 'a database whose entity_aliases has the column as another type'
        Path db = tmp.resolve('typed.db')
        def sql = groovy.sql.Sql.newInstance("jdbc:sqlite:$db", 'org.sqlite.JDBC')
        def types = [id: 'INTEGER PRIMARY KEY', entity_id: 'INTEGER', type_id: 'INTEGER', alias_value: 'TEXT', alias_norm: 'TEXT',
                     is_primary: 'BOOLEAN', is_active: 'BOOLEAN']
        types[column] = sqlType
        sql.execute('CREATE TABLE entity_types (id INTEGER PRIMARY KEY, name TEXT, domain TEXT)')
        sql.execute("INSERT INTO entity_types VALUES (1, 'Genes', 'Genomics')")
        sql.execute('CREATE TABLE entity_aliases (' + types.collect { k, v -> "$k $v" }.join(', ') + ')')
        sql.execute("INSERT INTO entity_aliases VALUES (1, 1, 1, 'BRCA1', 'brca1', 'true', 'true')")
        sql.close()
        Path snap = tmp.resolve('typed')
        assert CliRun.run('db', 'export', '--db-uri', "sqlite:$db", '--output', snap.toString()).exit == 0

        when:
        def r = CliRun.run('nlp', 'lookup', '--db-uri', snap.toString(), 'brca1')

        then:
        verifyAll {
            r.exit == 1
            r.errLines == ["error: unexpected Parquet type in ${snap.resolve('entity_aliases.parquet')}: column $column is $found, expected $expected".toString()]
        }

        where:
        column       | sqlType  | found                 | expected
        'is_active'  | 'TEXT'   | 'BINARY (STRING)'     | 'BOOLEAN'
        'is_primary' | 'TEXT'   | 'BINARY (STRING)'     | 'BOOLEAN'
        'entity_id'  | 'TEXT'   | 'BINARY (STRING)'     | 'INT32 or INT64'
        'alias_norm' | 'REAL'   | 'DOUBLE'              | 'BINARY (STRING)'
    }

    def "a damaged page in entity_aliases.parquet (hashes fixed up) is one line naming the file, no stack trace"() {
        given:
        Path snap = snapshot()
        Path f = snap.resolve('entity_aliases.parquet')
        byte[] b = Files.readAllBytes(f)
        for (int i = 200; i < Math.min(b.length - 2000, 4000); i++) {
            b[i] = (byte) (b[i] ^ 0x5A)
        }
        Files.write(f, b)
        def m = manifest(snap)
        m.tables.entity_aliases.sha256 = sha256(b)
        writeManifest(snap, m)

        when:
        def r = CliRun.run('nlp', 'lookup', '--db-uri', snap.toString(), 'x')

        then:
        verifyAll {
            r.exit == 1
            r.errLines.size() == 1
            r.errLines[0].startsWith("error: cannot read Parquet file ${f}")
            !r.err.contains('\tat ')
        }
    }
}
