package org.igem

import com.sun.net.httpserver.HttpExchange
import groovy.json.JsonOutput
import org.igem.download.DownloadOptions
import org.igem.download.DownloadResult
import org.igem.support.CliRun
import org.igem.support.SnapshotServer
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger

import static org.igem.support.SnapshotServer.cutHalfway
import static org.igem.support.SnapshotServer.serveFile

/**
 * db snapshot-download against a real loopback HTTP server (127.0.0.1, ephemeral port): parallel
 * verified downloads, cache, resume, retries, refusals of untrusted manifests and URLs.
 */
class SnapshotDownloadSpec extends Specification {
    static final String BIG = 'entities.parquet'

    @TempDir Path tmp

    SnapshotServer server
    Path served

    def setup() {
        served = Files.createDirectories(tmp.resolve('served'))
        server = new SnapshotServer(served)
    }

    def cleanup() {
        server?.close()
    }

    /** path (without the /snap/ prefix) → handler; anything else is served from {@link #served} with Range support. */
    Map<String, Closure> getRoutes() { server.routes }

    List<Map> getRequests() { server.requests }

    AtomicInteger getMaxInFlight() { server.maxInFlight }

    void setServeDelayMs(long ms) { server.serveDelayMs = ms }

    String getBase() { server.base }

    static String sha256(byte[] b) { MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }

    /** Writes random table files (and optionally nlp/automaton.bin) plus a correct manifest.json into {@code dir}. */
    static Map makeSnapshot(Path dir, Map<String, Integer> sizes = [(BIG): 3 * 1024 * 1024, 'entity_types.parquet': 20_000,
                                                                    'genes.parquet': 50_000, 'empty_table.parquet': 0],
                            boolean withNlp = false) {
        def rnd = new Random(42)
        Map tables = [:]
        sizes.each { file, size ->
            byte[] b = new byte[size]
            rnd.nextBytes(b)
            Files.write(dir.resolve(file), b)
            tables[file - '.parquet'] = [file: file, rows: size.intdiv(10), size_bytes: size, sha256: sha256(b),
                                         columns: [[name: 'id', type: 'INTEGER']]]
        }
        Map mf = [snapshot_version: '2026-11-01', schema_version: '0.1.0', schema_revision: '846c774a8f66',
                  igem_version: '0.1.0', igem_version_compatible: '>=0.1,<0.2', exported_at: '2026-11-01T02:00:00Z',
                  duration_seconds: 1.5, source: [engine: 'postgresql', host: 'db', database: 'igem'],
                  compression: 'zstd', chunksize: 50000, tables: tables]
        if (withNlp) {
            byte[] b = new byte[30_000]
            rnd.nextBytes(b)
            Files.createDirectories(dir.resolve('nlp'))
            Files.write(dir.resolve('nlp/automaton.bin'), b)
            mf.nlp = [directory: 'nlp', file: 'nlp/automaton.bin', size_bytes: b.length, sha256: sha256(b), alias_count: 12,
                      built_at: '2026-11-01T03:00:00Z']
        }
        Files.writeString(dir.resolve('manifest.json'), JsonOutput.prettyPrint(JsonOutput.toJson(mf)))
        mf
    }

    CliRun.Result download(Path out, String... extra) {
        CliRun.run(['db', 'snapshot-download', '--url', base, '--output', out.toString()] + (extra as List))
    }

    List<Map> fileRequests() { requests.findAll { !it.path.endsWith('/manifest.json') } }

    static List<String> listAll(Path dir) {
        if (!Files.exists(dir)) {
            return []
        }
        Files.walk(dir).withCloseable { s -> s.filter { it != dir }.map { dir.relativize(it).toString() }.sorted().collect(java.util.stream.Collectors.toList()) }
    }

    def "downloads every file in parallel, verifies it and writes manifest.json last"() {
        given:
        Map mf = makeSnapshot(served)
        Path cwd = Files.createDirectories(tmp.resolve('cwd'))
        Boolean manifestDuringTransfer = null
        routes[BIG] = { HttpExchange ex, String rel ->
            Thread.sleep(300)
            manifestDuringTransfer = Files.exists(cwd.resolve('out/manifest.json'))
            serveFile(ex, served.resolve(rel))
        }

        when: 'a relative --output is taken from the working directory and created'
        def r = CliRun.run([cwd: cwd], 'db', 'snapshot-download', '--url', base - ~/\/$/, '--output', 'out', '--workers', '4')
        Path out = cwd.resolve('out')

        then:
        r.exit == 0
        r.err == ''
        manifestDuringTransfer == false
        verifyEach(mf.tables.values(), { it.file }) { t -> Files.readAllBytes(out.resolve(t.file)) == Files.readAllBytes(this.served.resolve(t.file)) }
        Files.readString(out.resolve('manifest.json')) == Files.readString(served.resolve('manifest.json'))
        listAll(out).sort() == (mf.tables.values()*.file + ['manifest.json']).sort()

        and: 'one request per file, several at once'
        fileRequests()*.path.sort() == mf.tables.values().collect { "/snap/${it.file}".toString() }.sort()
        maxInFlight.get() > 1

        and: 'FILE / SIZE / STATUS rows, a TOTAL and the bytes fetched with the time taken'
        r.out =~ /(?m)^FILE\s+SIZE\s+STATUS$/
        r.out =~ /(?m)^entities\.parquet\s+3\.0 MB\s+downloaded$/
        r.out =~ /(?m)^empty_table\.parquet\s+0 B\s+downloaded$/
        r.out =~ /(?m)^TOTAL\s+3\.1 MB\s+4 file\(s\): 4 downloaded$/
        r.out =~ /(?m)^Fetched 3\.1 MB in \d+\.\d s$/
    }

    def "--workers 1 fetches one file at a time"() {
        given:
        makeSnapshot(served)
        serveDelayMs = 100

        when:
        def r = download(tmp.resolve('out'), '--workers', '1')

        then:
        r.exit == 0
        maxInFlight.get() == 1
    }

    def "a rerun skips files already present with the right hash; --overwrite fetches them again"() {
        given:
        makeSnapshot(served)
        Path out = tmp.resolve('out')
        assert download(out).exit == 0
        requests.clear()

        when:
        def r = download(out)

        then:
        r.exit == 0
        fileRequests().isEmpty()
        r.out.readLines().count { it =~ /^\S+\.parquet\s.*\scached$/ } == 4
        r.out =~ /TOTAL.*4 file\(s\): 4 cached/
        r.out =~ /Fetched [\d.]+ K?B in/
        Files.exists(out.resolve('manifest.json'))

        when: 'a damaged local file is fetched again, the others stay cached'
        requests.clear()
        Files.write(out.resolve('genes.parquet'), new byte[50_000])
        r = download(out)

        then:
        r.exit == 0
        fileRequests()*.path == ['/snap/genes.parquet']
        Files.readAllBytes(out.resolve('genes.parquet')) == Files.readAllBytes(served.resolve('genes.parquet'))

        when:
        requests.clear()
        r = download(out, '--overwrite')

        then:
        r.exit == 0
        fileRequests().size() == 4
        r.out =~ /4 file\(s\): 4 downloaded/
    }

    def "a cut transfer keeps its .part file and the next run resumes it with a Range request"() {
        given:
        makeSnapshot(served)
        Path out = tmp.resolve('out')
        routes[BIG] = { HttpExchange ex, String rel ->
            ex.requestHeaders.getFirst('Range') ? serveFile(ex, served.resolve(rel)) : cutHalfway(ex, served.resolve(rel))
        }

        when: 'no retries: the first run fails that file'
        def r = download(out, '--retries', '0')
        Path part = out.resolve(BIG + '.part')

        then:
        r.exit == 1
        r.errLines[0].startsWith("error: 1 file(s) failed: $BIG" + ';')
        r.err.contains('partial file kept for resume')
        r.out =~ /(?m)^entities\.parquet\s+3\.0 MB\s+failed: /
        !Files.exists(out.resolve('manifest.json'))
        !Files.exists(out.resolve(BIG))
        Files.size(part) > 0
        Files.size(part) < Files.size(served.resolve(BIG))

        when:
        long partSize = Files.size(part)
        requests.clear()
        r = download(out)

        then:
        r.exit == 0
        fileRequests()*.range == ["bytes=$partSize-".toString()]
        r.out =~ /(?m)^entities\.parquet\s+3\.0 MB\s+resumed$/
        Files.readAllBytes(out.resolve(BIG)) == Files.readAllBytes(served.resolve(BIG))
        !Files.exists(part)
        Files.exists(out.resolve('manifest.json'))
    }

    def "within one run a cut transfer is retried and continued from where it stopped"() {
        given:
        makeSnapshot(served)
        Path out = tmp.resolve('out')
        routes[BIG] = { HttpExchange ex, String rel ->
            ex.requestHeaders.getFirst('Range') ? serveFile(ex, served.resolve(rel)) : cutHalfway(ex, served.resolve(rel))
        }

        when:
        def r = download(out)

        then:
        r.exit == 0
        requests.findAll { it.path.endsWith(BIG) }*.range.with { it.size() == 2 && it[0] == null && it[1] =~ /^bytes=\d+-$/ }
        r.out =~ /(?m)^entities\.parquet\s+3\.0 MB\s+resumed$/
        Files.readAllBytes(out.resolve(BIG)) == Files.readAllBytes(served.resolve(BIG))
    }

    @Timeout(value = 120) // the stall never ends: a missing idle timeout fails here, not by a clock comparison
    def "a transfer that stalls is abandoned after the idle timeout and resumed"() {
        given:
        makeSnapshot(served, [(BIG): 2 * 1024 * 1024])
        routes[BIG] = { HttpExchange ex, String rel ->
            if (ex.requestHeaders.getFirst('Range')) {
                serveFile(ex, served.resolve(rel))
                return
            }
            byte[] data = Files.readAllBytes(served.resolve(rel))
            ex.sendResponseHeaders(200, data.length)
            ex.responseBody.write(data, 0, 100_000)
            ex.responseBody.flush()
            Thread.sleep(600_000) // stalls for good: only the idle timeout ends this attempt (interrupted in cleanup())
        }
        Path out = tmp.resolve('out')

        when:
        DownloadResult r = Igem.download(DownloadOptions.of(base, out).withIdleTimeout(Duration.ofMillis(500))
                .withBackoff(Duration.ofMillis(10)))

        then:
        r.ok()
        r.files()[0].status() == DownloadResult.Status.RESUMED
        r.files()[0].attempts() == 2
        requests.findAll { it.path.endsWith(BIG) }*.range == [null, 'bytes=100000-']
        Files.readAllBytes(out.resolve(BIG)) == Files.readAllBytes(served.resolve(BIG))
    }

    def "a server that ignores Range (200) restarts the file from zero, still verified"() {
        given:
        makeSnapshot(served)
        Path out = Files.createDirectories(tmp.resolve('out'))
        Files.write(out.resolve(BIG + '.part'), Files.readAllBytes(served.resolve(BIG))[0..<1000] as byte[])
        routes[BIG] = { HttpExchange ex, String rel ->
            byte[] data = Files.readAllBytes(served.resolve(rel))
            ex.sendResponseHeaders(200, data.length)
            ex.responseBody.write(data)
        }

        when:
        def r = download(out)

        then:
        r.exit == 0
        fileRequests().find { it.path.endsWith(BIG) }.range == 'bytes=1000-'
        r.out =~ /(?m)^entities\.parquet\s+3\.0 MB\s+downloaded$/
        Files.readAllBytes(out.resolve(BIG)) == Files.readAllBytes(served.resolve(BIG))
    }

    def "a stale .part with wrong bytes is discarded: one fresh download, then the hash matches"() {
        given:
        makeSnapshot(served)
        Path out = Files.createDirectories(tmp.resolve('out'))
        Files.write(out.resolve(BIG + '.part'), new byte[1000])

        when:
        def r = download(out)

        then:
        r.exit == 0
        requests.findAll { it.path.endsWith(BIG) }*.range == ['bytes=1000-', null]
        Files.readAllBytes(out.resolve(BIG)) == Files.readAllBytes(served.resolve(BIG))
    }

    def "404 fails that file at once: one request, no retries, partial removed, no manifest"() {
        given:
        makeSnapshot(served)
        Files.delete(served.resolve('genes.parquet'))
        Path out = Files.createDirectories(tmp.resolve('out'))
        Files.write(out.resolve('genes.parquet.part'), new byte[10])

        when:
        def r = download(out)

        then:
        r.exit == 1
        requests.count { it.path == '/snap/genes.parquet' } == 1
        r.errLines[0].startsWith('error: 1 file(s) failed: genes.parquet' + ';')
        r.errLines.any { it.contains('genes.parquet: HTTP 404') }
        r.out =~ /(?m)^genes\.parquet\s+\S+ KB\s+failed: HTTP 404/
        !Files.exists(out.resolve('genes.parquet.part'))
        !Files.exists(out.resolve('manifest.json'))

        and: 'the other files were still fetched'
        Files.readAllBytes(out.resolve(BIG)) == Files.readAllBytes(served.resolve(BIG))
    }

    def "the failed files are named in one summary line, then listed with their reasons"() {
        given:
        makeSnapshot(served)
        Files.delete(served.resolve('genes.parquet'))
        Files.delete(served.resolve('entity_types.parquet'))

        when:
        def r = download(tmp.resolve('out'))

        then:
        r.exit == 1
        r.errLines[0] == "error: 2 file(s) failed: entity_types.parquet, genes.parquet; manifest.json was not written, " +
                "${tmp.resolve('out')} is incomplete (run the command again to resume)"
        r.errLines.size() == 3
        r.errLines.count { it =~ /^\s+\S+\.parquet: HTTP 404/ } == 2
    }

    def "HTTP 500 twice then 200 is retried with backoff and succeeds"() {
        given:
        makeSnapshot(served)
        AtomicInteger calls = new AtomicInteger()
        routes['genes.parquet'] = { HttpExchange ex, String rel ->
            calls.incrementAndGet() <= 2 ? ex.sendResponseHeaders(500, -1) : serveFile(ex, served.resolve(rel))
        }
        Path out = tmp.resolve('out')

        when:
        def r = download(out)

        then:
        r.exit == 0
        calls.get() == 3
        r.out =~ /(?m)^genes\.parquet\s+\S+ KB\s+downloaded$/
        Files.readAllBytes(out.resolve('genes.parquet')) == Files.readAllBytes(served.resolve('genes.parquet'))
    }

    def "transient errors that persist fail the file after the configured attempts"() {
        given:
        makeSnapshot(served)
        routes['genes.parquet'] = { HttpExchange ex, String rel -> ex.sendResponseHeaders(503, -1) }

        when:
        def r = download(tmp.resolve('out'), '--retries', '2')

        then:
        r.exit == 1
        requests.count { it.path == '/snap/genes.parquet' } == 3
        r.err.contains('HTTP 503')
        r.err.contains('after 3 attempts')
        !Files.exists(tmp.resolve('out/manifest.json'))
    }

    def "a hash mismatch fails the file at once, removes the partial file and writes no manifest"() {
        given:
        makeSnapshot(served)
        byte[] other = new byte[50_000]
        new Random(7).nextBytes(other)
        routes['genes.parquet'] = { HttpExchange ex, String rel ->
            ex.sendResponseHeaders(200, other.length)
            ex.responseBody.write(other)
        }
        Path out = tmp.resolve('out')

        when:
        def r = download(out)

        then:
        r.exit == 1
        requests.count { it.path == '/snap/genes.parquet' } == 1
        r.errLines[0].startsWith('error: 1 file(s) failed: genes.parquet' + ';')
        r.err.contains('sha256 mismatch')
        !Files.exists(out.resolve('genes.parquet'))
        !Files.exists(out.resolve('genes.parquet.part'))
        !Files.exists(out.resolve('manifest.json'))
    }

    def "a size that differs from the manifest fails the file at once"() {
        given:
        makeSnapshot(served)
        routes['genes.parquet'] = { HttpExchange ex, String rel ->
            byte[] more = new byte[60_000]
            ex.sendResponseHeaders(200, more.length)
            ex.responseBody.write(more)
        }

        when:
        def r = download(tmp.resolve('out'))

        then:
        r.exit == 1
        requests.count { it.path == '/snap/genes.parquet' } == 1
        r.err.contains('size mismatch')
        !Files.exists(tmp.resolve('out/genes.parquet.part'))
    }

    def "a failed rerun removes the manifest.json of an earlier download, so the directory never looks complete"() {
        given:
        makeSnapshot(served)
        Path out = tmp.resolve('out')
        assert download(out).exit == 0
        routes['genes.parquet'] = { HttpExchange ex, String rel -> ex.sendResponseHeaders(404, -1) }

        when:
        def r = download(out, '--overwrite')

        then:
        r.exit == 1
        !Files.exists(out.resolve('manifest.json'))
    }

    def "a normal redirect is followed; a redirect to a file: URL fails that file"() {
        given:
        makeSnapshot(served)
        Files.copy(served.resolve('genes.parquet'), Files.createDirectories(served.resolve('mirror')).resolve('genes.parquet'))
        routes['genes.parquet'] = { HttpExchange ex, String rel ->
            ex.responseHeaders.add('Location', '/snap/mirror/genes.parquet')
            ex.sendResponseHeaders(302, -1)
        }
        Path secret = Files.writeString(tmp.resolve('secret.txt'), 'secret')
        routes['entity_types.parquet'] = { HttpExchange ex, String rel ->
            ex.responseHeaders.add('Location', secret.toUri().toString())
            ex.sendResponseHeaders(302, -1)
        }
        Path out = tmp.resolve('out')

        when:
        def r = download(out)

        then:
        r.exit == 1
        Files.readAllBytes(out.resolve('genes.parquet')) == Files.readAllBytes(served.resolve('genes.parquet'))
        r.errLines[0].startsWith('error: 1 file(s) failed: entity_types.parquet' + ';')
        r.err.contains('redirect to a non-HTTP location refused')
        !Files.exists(out.resolve('entity_types.parquet'))
        !Files.exists(out.resolve('entity_types.parquet.part'))
        !Files.exists(out.resolve('manifest.json'))
    }

    def "--include-nlp also fetches the NLP cache into nlp/; without it the cache is left out"() {
        given:
        Map mf = makeSnapshot(served, ['entity_types.parquet': 1000], true)
        Path out = tmp.resolve('out')

        when:
        def r = download(out)

        then:
        r.exit == 0
        !Files.exists(out.resolve('nlp'))

        when:
        r = download(out, '--include-nlp')

        then:
        r.exit == 0
        r.out =~ /(?m)^nlp\/automaton\.bin\s+29\.3 KB\s+downloaded$/
        r.out =~ /(?m)^entity_types\.parquet\s+1000 B\s+cached$/
        Files.readAllBytes(out.resolve(mf.nlp.file)) == Files.readAllBytes(served.resolve(mf.nlp.file))
    }

    def "--include-nlp on a snapshot without an NLP cache warns and downloads the tables"() {
        given:
        makeSnapshot(served, ['entity_types.parquet': 1000])

        when:
        def r = download(tmp.resolve('out'), '--include-nlp')

        then:
        r.exit == 0
        r.errLines.size() == 1
        r.errLines[0].startsWith('warning: --include-nlp: the manifest')
        r.errLines[0].contains('lists no NLP cache')
        Files.exists(tmp.resolve('out/entity_types.parquet'))
    }

    def "a manifest path that escapes the output directory is refused before anything is written"() {
        given:
        Files.writeString(served.resolve('manifest.json'), JsonOutput.toJson([
                tables: [good: [file: 'good.parquet', rows: 1, size_bytes: 3, sha256: sha256('abc'.bytes)],
                         evil: [file: file, rows: 1, size_bytes: 3, sha256: sha256('abc'.bytes)]]]))
        Path out = tmp.resolve('out')
        Path existing = Files.createDirectories(tmp.resolve('existing'))

        when:
        def r = download(out)
        def r2 = download(existing)

        then:
        verifyEach([r, r2]) {
            it.exit == 1
            it.errLines.size() == 1
            it.err.contains('unsafe file')
        }
        fileRequests().isEmpty()
        !Files.exists(out)
        listAll(existing).isEmpty()
        !Files.exists(tmp.resolve('evil.parquet')) && !Files.exists(tmp.resolve('evil'))

        where:
        file << ['../evil.parquet', '/etc/x', 'sub/../../evil', 'a\\..\\evil', '', 'nlp/./x', 'C:/x', 'manifest.json',
                 'genes.parquet.part']
    }

    def "a malformed manifest is refused before anything is written"() {
        given:
        Files.writeString(served.resolve('manifest.json'), content)
        Path out = tmp.resolve('out')

        when:
        def r = download(out)

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains(expected)
        fileRequests().isEmpty()
        !Files.exists(out)

        where:
        content                                                                          | expected
        '<html>not json</html>'                                                          | 'not valid JSON'
        '[1, 2]'                                                                         | 'expected a JSON object'
        '{"snapshot_version": "x"}'                                                      | 'missing "tables"'
        '{"tables": {}}'                                                                 | 'lists no tables'
        '{"tables": {"a": {"file": "a.parquet", "size_bytes": 3, "sha256": "ab"}}}'      | '"sha256" must be 64 hex digits'
        '{"tables": {"a": {"file": "a.parquet", "size_bytes": -1, "sha256": "' + 'a' * 64 + '"}}}'   | '"size_bytes" must be a non-negative integer'
        '{"tables": {"a": {"file": "a.parquet", "size_bytes": "3", "sha256": "' + 'a' * 64 + '"}}}'  | '"size_bytes" must be a non-negative integer'
        '{"tables": {"a": {"file": 5, "size_bytes": 3, "sha256": "' + 'a' * 64 + '"}}}'              | '"file" must be a string'
        '{"tables": {"a": {"file": "x.parquet", "size_bytes": 3, "sha256": "' + 'a' * 64 + '"}, ' +
                '"b": {"file": "X.parquet", "size_bytes": 3, "sha256": "' + 'a' * 64 + '"}}}'        | 'is also used by'
        '{"tables": {"a": {"file": "a.parquet", "size_bytes": 3, "sha256": "' + 'a' * 64 + '"}}, "nlp": {"file": "../n.bin", "size_bytes": 3, "sha256": "' + 'a' * 64 + '"}}' | "nlp: unsafe file '../n.bin'"
    }

    def "a missing remote manifest is one clear line, exit 1"() {
        when:
        def r = download(tmp.resolve('out'))

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains('cannot fetch the snapshot manifest')
        r.err.contains('HTTP 404')
        !Files.exists(tmp.resolve('out'))
    }

    def "only http and https URLs are accepted (exit 2, before any network or file activity)"() {
        given:
        Path out = tmp.resolve('out')

        when:
        def r = CliRun.run('db', 'snapshot-download', '--url', url, '--output', out.toString())

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains('--url')
        requests.isEmpty()
        !Files.exists(out)

        where:
        url << ['file:///tmp/x/', 'ftp://127.0.0.1/snap/', 'jar:file:/x.jar!/', '/just/a/path', 'http://', 'http://exa mple/']
    }

    def "usage errors exit 2: --workers 0, negative --retries, missing --output"() {
        when:
        def r = CliRun.run(['db', 'snapshot-download', '--url', base] + args)

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains(expected)
        requests.isEmpty()

        where:
        args                                                         | expected
        ['--output', '/tmp/igem-never', '--workers', '0']            | '--workers must be greater than 0'
        ['--output', '/tmp/igem-never', '--workers', '-3']           | '--workers must be greater than 0'
        ['--output', '/tmp/igem-never', '--retries', '-1']           | '--retries must be 0 or more'
        []                                                           | '--output'
    }

    def "an output directory whose parent does not exist is one clear line, exit 1"() {
        when:
        makeSnapshot(served)
        def r = download(tmp.resolve('no/such/out'))

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains('parent directory')
        r.err.contains('does not exist')
        requests.isEmpty()
    }

    def "library entry point: Igem.download returns a typed result"() {
        given:
        makeSnapshot(served, ['a.parquet': 5000, 'b.parquet': 7000])
        Path out = tmp.resolve('lib-out')

        when:
        DownloadResult r = Igem.download(DownloadOptions.of(base, out).withWorkers(2).withBackoff(Duration.ofMillis(10)))

        then:
        r.ok()
        r.manifestWritten()
        r.files()*.file() == ['a.parquet', 'b.parquet']
        r.files()*.status() == [DownloadResult.Status.DOWNLOADED, DownloadResult.Status.DOWNLOADED]
        r.bytesFetched() >= 12_000
        r.totalBytes() == 12_000
        r.manifest().snapshotVersion() == '2026-11-01'
    }
}
