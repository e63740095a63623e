package org.igem

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import org.igem.support.CliRun
import org.igem.support.Processes
import org.igem.support.SnapshotServer
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.util.concurrent.CopyOnWriteArrayList

/**
 * db snapshot-download against hostile and failing servers and directories (stalls, oversized
 * manifests, debris, credentials, control characters, planted links), on a real loopback server, the CLI in-process or as a real JVM.
 */
class DownloadHardeningSpec extends Specification {
    static final String SECRET = 'S3cr3t-pw'

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

    /** path (without the /snap/ prefix) → handler; anything else is served from {@link #served}. */
    Map<String, Closure> getRoutes() { server.routes }

    List<Map> getRequests() { server.requests }

    /** When set, every request must carry this Authorization header (else 401). */
    void setRequiredAuth(String auth) { server.requiredAuth = auth }

    String getBase() { server.base }

    static String sha256(byte[] b) { MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }

    /** {@code n} random table files of {@code size} bytes and their manifest in {@link #served}. */
    Map makeSnapshot(int n, int size, Map extra = [:]) {
        def rnd = new Random(n * 31 + size)
        Map tables = [:]
        (1..n).each { i ->
            String file = String.format('t%02d.parquet', i)
            byte[] b = new byte[size]
            rnd.nextBytes(b)
            Files.write(served.resolve(file), b)
            tables[file - '.parquet'] = [file: file, rows: 1, size_bytes: size, sha256: sha256(b)]
        }
        Map mf = [snapshot_version: '2026-11-01', schema_version: '0.1.0', tables: tables] + extra
        Files.writeString(served.resolve('manifest.json'), JsonOutput.prettyPrint(JsonOutput.toJson(mf)))
        mf
    }

    CliRun.Result download(Path out, String... extra) {
        CliRun.run(['db', 'snapshot-download', '--url', base, '--output', out.toString()] + (extra as List))
    }

    static List<String> listAll(Path dir) {
        if (!Files.exists(dir)) {
            return []
        }
        Files.walk(dir).withCloseable { s -> s.filter { it != dir }.map { dir.relativize(it).toString() }.sorted().toList() }
    }

    static String java() { Path.of(System.getProperty('java.home'), 'bin', 'java').toString() }

    /** The CLI as its own JVM, through bash so a resource limit can be set first. */
    static Map cliProcess(Path cwd, String prelude, List<String> args, List<String> jvm = []) {
        String cmd = ([java()] + jvm + ['-cp', System.getProperty('java.class.path'), 'org.igem.cli.IgemCli'] + args)
                .collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
        Processes.run(['bash', '-c', "$prelude exec $cmd".toString()], cwd, 120)
    }

    // ------------------------------------------------------------------ stalled servers

    def "a server that stops answering (#how) is given up on: exit 1, one summary line, the remaining files skipped"() {
        given: '12 files, a server that answers nothing for any of them'
        makeSnapshot(12, 1000)
        (1..12).each { i ->
            routes[String.format('t%02d.parquet', i)] = { HttpExchange ex, String rel -> stall.call(ex) }
        }
        Path out = tmp.resolve('out')

        when: 'timeouts of 0.3 s, 1 retry, 2 workers: without giving up that is 24 attempts'
        def r = download(out, '--timeout', '0.3', '--retries', '1', '--workers', '2')
        int fileRequests = requests.count { !it.path.endsWith('manifest.json') }

        then:
        r.exit == 1
        r.errLines[0].startsWith('error: 12 file(s) failed: ')
        r.errLines[0].contains('gave up: the server stopped answering (')
        r.errLines[0].contains('no data for 300 ms')
        r.errLines.size() <= 7

        and: 'each worker made its two attempts, then no file was started any more'
        fileRequests <= 4
        r.out.readLines().count { it =~ /^t\d\d\.parquet\s.*\sskipped: not attempted: the server stopped answering/ } >= 8

        and: 'nothing looks complete, nothing empty is left behind'
        !Files.exists(out.resolve('manifest.json'))
        verifyEach(listAll(out).findAll { it.endsWith('.part') }) { Files.size(out.resolve(it)) > 0 }

        where:
        how                          | stall
        'headers, then no body'      | { HttpExchange ex -> ex.sendResponseHeaders(200, 1000); ex.responseBody.flush(); Thread.sleep(30_000) }
        'no status line at all'      | { HttpExchange ex -> Thread.sleep(30_000) }
    }

    def "a manifest that never arrives is abandoned after the timeout and its attempts: one line, exit 1"() {
        given:
        routes['manifest.json'] = { HttpExchange ex, String rel -> Thread.sleep(30_000) }

        when:
        def r = download(tmp.resolve('out'), '--timeout', '0.2', '--retries', '1')

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.errLines[0].contains('cannot fetch the snapshot manifest')
        r.errLines[0].contains('no data for 200 ms (after 2 attempts)')
        requests.size() == 2
        !Files.exists(tmp.resolve('out'))
    }

    def "--timeout must be a positive number of seconds (exit 2, nothing fetched)"() {
        when:
        def r = download(tmp.resolve('out'), '--timeout', value)

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.errLines[0].contains('--timeout')
        requests.isEmpty()
        !Files.exists(tmp.resolve('out'))

        where:
        value << ['0', '-1', 'soon', '1e9']
    }

    // ------------------------------------------------------------------ manifest bounds

    def "a 40 MB manifest with 100 000 tables is refused in one line before it is parsed, even under -Xmx64m"() {
        given:
        StringBuilder b = new StringBuilder('{"snapshot_version": "x", "tables": {')
        (0..<100_000).each { i ->
            if (i) {
                b.append(',')
            }
            b.append('"table_').append(i).append('": {"file": "table_').append(i).append('.parquet", "rows": 1, "size_bytes": 3, ')
                    .append('"sha256": "').append('a' * 64).append('", "columns": [').append('{"name": "c", "type": "INTEGER"},' * 8)
                    .append('{"name": "c", "type": "INTEGER"}]}')
        }
        b.append('}}')
        Files.writeString(served.resolve('manifest.json'), b)
        assert Files.size(served.resolve('manifest.json')) > 40_000_000
        Path out = tmp.resolve('out')

        when:
        Map r = cliProcess(tmp, '', ['db', 'snapshot-download', '--url', base, '--output', out.toString()], ['-Xmx64m'])
        List<String> errLines = r.err.readLines().findAll { it.trim() }

        then:
        r.exit == 1
        errLines == ["error: invalid manifest ${base}manifest.json: larger than the 8.0 MB this igem accepts".toString()]
        !Files.exists(out)
    }

    def "a local manifest over the limits is refused by verify and info in one line"() {
        given:
        Path dir = Files.createDirectories(tmp.resolve('snap'))
        Files.writeString(dir.resolve('manifest.json'), content.call())

        when:
        def verify = CliRun.run('db', 'verify', dir.toString())
        def info = CliRun.run('db', 'info', '--db-uri', dir.toString())

        then:
        verifyEach([verify: verify, info: info].entrySet(), { it.key }) {
            it.value.exit == 1
            it.value.errLines.size() == 1
            it.value.errLines[0].contains(expected)
        }
        verify.errLines[0].contains(dir.resolve('manifest.json').toString())

        where:
        content                                                                                     | expected
        ({ '{"tables": {' + (0..10_000).collect { "\"t$it\": {}" }.join(',') + '}}' })          | 'more than the 10000 tables this igem accepts'
        ({ '{"tables": {"' + 'n' * 300 + '": {}}}' })                                            | 'is longer than 255 characters'
        ({ ' ' * (9 << 20) + '{}' })                                                              | 'larger than the 8.0 MB this igem accepts'
    }

    // ------------------------------------------------------------------ debris

    def "a local write failure (file size limit) stops the run: no empty .part files, the rest skipped, the rerun completes"() {
        given: '10 files of 2 MB; the first process may only write files of up to 1 MB (ulimit -f)'
        makeSnapshot(10, 2 << 20)
        Path out = tmp.resolve('out')

        when:
        Map r = cliProcess(tmp, 'ulimit -f 1024;', ['db', 'snapshot-download', '--url', base, '--output', out.toString(),
                                                    '--workers', '3'])
        List<String> errLines = r.err.readLines().findAll { it.trim() }
        List<String> parts = listAll(out).findAll { it.endsWith('.part') }

        then: 'one summary line naming why it gave up, at most 5 details and a count'
        r.exit == 1
        errLines[0].startsWith('error: 10 file(s) failed: ')
        errLines[0].contains('gave up: local I/O error')
        errLines.size() <= 7
        r.out.readLines().count { it.contains('skipped: not attempted: local I/O error') } >= 5

        and: 'only resumable partial files are left: none of them empty, none for a skipped file'
        parts.size() <= 3
        verifyEach(parts) { Files.size(out.resolve(it)) > 0 }
        !Files.exists(out.resolve('manifest.json'))
        !Files.exists(out.resolve('.igem.lock'))

        when: 'the rerun without the limit'
        def again = download(out)

        then:
        again.exit == 0
        listAll(out) == ((1..10).collect { String.format('t%02d.parquet', it) } + ['manifest.json']).sort()
        CliRun.run('db', 'verify', out.toString()).exit == 0
    }

    def "what a dead run left is cleaned by the next one: stale .part files, temporary manifests, a stale lock"() {
        given:
        makeSnapshot(2, 1000)
        Path out = Files.createDirectories(tmp.resolve('out'))
        Files.write(out.resolve('old_table.parquet.part'), new byte[100])      // a file this manifest no longer lists
        Files.write(out.resolve('t01.parquet.part'), new byte[0])              // an empty one of a listed file
        Files.writeString(out.resolve('.manifest.json.1a2b3c.tmp'), '{}')      // a manifest that was never renamed
        Files.writeString(out.resolve('.igem.lock'), '{"pid": 999999, "host": "gone"}')
        Files.writeString(out.resolve('notes.txt'), 'mine')                    // not ours: kept

        when:
        def r = download(out)

        then:
        r.exit == 0
        listAll(out) == ['manifest.json', 'notes.txt', 't01.parquet', 't02.parquet']
    }

    def "a file that fails at once (404) leaves no .part; a cut one keeps its non-empty .part for the resume"() {
        given:
        makeSnapshot(3, 100_000)
        routes['t01.parquet'] = { HttpExchange ex, String rel -> ex.sendResponseHeaders(404, -1) }
        routes['t02.parquet'] = { HttpExchange ex, String rel ->
            ex.sendResponseHeaders(200, 100_000)
            ex.responseBody.write(new byte[10])
            ex.responseBody.flush()
            throw new IOException('cut')
        }
        routes['t03.parquet'] = { HttpExchange ex, String rel -> ex.sendResponseHeaders(200, 100_000); throw new IOException('cut') }
        Path out = tmp.resolve('out')

        when:
        def r = download(out, '--retries', '0')

        then:
        r.exit == 1
        listAll(out) == ['t02.parquet.part']
        Files.size(out.resolve('t02.parquet.part')) == 10
    }

    // ------------------------------------------------------------------ credentials in --url

    def "credentials in --url are sent as Basic auth to that host and never printed (#what)"() {
        given:
        makeSnapshot(2, 1000)
        requiredAuth = 'Basic ' + "reader:$SECRET".bytes.encodeBase64().toString()
        setupClosure.call(this)
        String url = "http://reader:$SECRET@127.0.0.1:${server.address.port}/snap/"
        Path out = tmp.resolve('out')

        when:
        def r = CliRun.run(['db', 'snapshot-download', '--url', url, '--output', out.toString(), '--retries', '0'] + extra)

        then:
        r.exit == exit
        !r.all.contains(SECRET)
        exit == 0 || r.err.contains('reader:****@')

        where:
        what                        | exit | extra       | setupClosure
        'success'                   | 0    | []          | { }
        'HTTP 500 on the manifest'  | 1    | []          | { it.routes['manifest.json'] = { HttpExchange ex, String rel -> ex.sendResponseHeaders(500, -1) } }
        'HTTP 404 on a file'        | 1    | []          | { Files.delete(it.served.resolve('t01.parquet')) }
        'unsafe manifest'           | 1    | []          | { Files.writeString(it.served.resolve('manifest.json'), '{"tables": {"a": {"file": "../x", "size_bytes": 1, "sha256": "' + 'a' * 64 + '"}}}') }
        'with --debug'              | 1    | ['--debug'] | { it.routes['manifest.json'] = { HttpExchange ex, String rel -> ex.sendResponseHeaders(503, -1) } }
        'a redirect to another host' | 1   | []          | { it.routes['t01.parquet'] = { HttpExchange ex, String rel -> ex.responseHeaders.add('Location', "http://reader:$SECRET@localhost:1/x"); ex.sendResponseHeaders(302, -1) } }
    }

    def "credentials never reach another host: a redirect elsewhere gets no Authorization header"() {
        given:
        makeSnapshot(1, 1000)
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        List<String> seen = new CopyOnWriteArrayList<>()
        other.createContext('/') { HttpExchange ex ->
            seen << String.valueOf(ex.requestHeaders.getFirst('Authorization'))
            byte[] data = Files.readAllBytes(served.resolve('t01.parquet'))
            ex.sendResponseHeaders(200, data.length)
            ex.responseBody.write(data)
            ex.close()
        }
        other.start()
        // same address, other port: another origin
        routes['t01.parquet'] = { HttpExchange ex, String rel ->
            ex.responseHeaders.add('Location', "http://127.0.0.1:${other.address.port}/t01.parquet")
            ex.sendResponseHeaders(302, -1)
        }

        when:
        def r = CliRun.run('db', 'snapshot-download', '--url', "http://reader:$SECRET@127.0.0.1:${server.address.port}/snap/",
                '--output', tmp.resolve('out').toString())

        then:
        r.exit == 0
        // the items are maps: SECRET named through its class, not looked up as a key
        verifyEach(requests, { it.path }) { it.auth == 'Basic ' + "reader:${DownloadHardeningSpec.SECRET}".bytes.encodeBase64().toString() }
        seen == ['null']

        cleanup:
        other?.stop(0)
    }

    def "a bad --url with credentials is a usage error that masks them: #url"() {
        when:
        def r = CliRun.run('db', 'snapshot-download', '--url', url, '--output', tmp.resolve('out').toString())

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.errLines[0].contains('--url')
        r.errLines[0].contains('****')
        !r.all.contains(SECRET)

        where:
        url << ["ftp://u:$SECRET@127.0.0.1/snap/", "file://u:$SECRET@localhost/x", "http://u:$SECRET@exa mple/",
                "u:$SECRET@host/x".toString(), "http://u:$SECRET@/x"].collect { it.toString() }
    }

    def "the DSL's --plan line and the library's records mask the credentials too"() {
        given:
        def opts = org.igem.download.DownloadOptions.of("http://u:$SECRET@127.0.0.1:1/snap/", tmp.resolve('o'))

        expect:
        !opts.toString().contains(SECRET)
        opts.toString().contains('u:****@127.0.0.1')
    }

    // ------------------------------------------------------------------ control characters

    def "text from a remote manifest is shown with its control characters escaped: download, verify, info, snapshot-nlp"() {
        given: 'versions and table names with ESC, CR, BEL, a C1 CSI and a bidi override'
        String evil = 'x\u001b[2J\u001b]0;pwned\u0007\r\u009b31m\u202etxt.exe'
        byte[] data = 'abc'.bytes
        Files.write(served.resolve('a.parquet'), data)
        Files.writeString(served.resolve('manifest.json'), JsonOutput.toJson([
                snapshot_version: evil, schema_version: evil, schema_revision: evil, exported_at: evil,
                tables          : [(evil): [file: 'a.parquet', rows: 1, size_bytes: 3, sha256: sha256(data)]]]))
        Path out = tmp.resolve('out')

        when:
        def dl = download(out)
        def verify = CliRun.run('db', 'verify', out.toString())
        Files.write(out.resolve('a.parquet'), 'abd'.bytes)
        def verifyBad = CliRun.run('db', 'verify', out.toString())
        def info = CliRun.run('db', 'info', '--db-uri', out.toString())
        def nlp = CliRun.run('db', 'snapshot-nlp', out.toString())
        List<CliRun.Result> all = [dl, verify, verifyBad, info, nlp]

        then:
        dl.exit == 0
        verify.exit == 0
        verifyBad.exit == 1
        verifyEach(all) { r -> !(r.all =~ /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/) }
        dl.out.contains('Snapshot x\\u001b[2J\\u001b]0;pwned\\u0007\\u000d\\u009b31m\\u202etxt.exe')
        info.out.contains('\\u001b[2J')
    }

    def "a table name or file name with control characters in an invalid manifest is escaped in the error"() {
        given:
        Files.writeString(served.resolve('manifest.json'), JsonOutput.toJson([tables: [
                ("bad\u001b[31m"): [file: "../x\u009b", size_bytes: 1, sha256: 'a' * 64],
                ("dup\u202e")     : [file: 'd.parquet', size_bytes: 1, sha256: 'a' * 64],
                ("dup2\u0007")    : [file: 'D.parquet', size_bytes: 1, sha256: 'a' * 64]]]))

        when:
        def r = download(tmp.resolve('out'))

        then:
        r.exit == 1
        r.errLines.size() == 1
        !(r.err =~ /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/)
        r.err.contains('bad\\u001b[31m')
    }

    // ------------------------------------------------------------------ capped failure output

    def "47 failed files: one summary line and at most 5 short details with a count of the rest"() {
        given:
        makeSnapshot(47, 10)
        (1..47).each { i -> Files.delete(served.resolve(String.format('t%02d.parquet', i))) }

        when:
        def r = download(tmp.resolve('out'))
        List<String> lines = r.errLines

        then:
        r.exit == 1
        lines.size() == 7
        lines[0].startsWith('error: 47 file(s) failed: t01.parquet, t02.parquet, t03.parquet, t04.parquet, t05.parquet … and 42 more; ')
        lines[0].endsWith('is incomplete (run the command again to resume)')
        verifyEach(lines[1..5]) {
            it =~ /^  t\d\d\.parquet: HTTP 404/
            it.length() <= 202
        }
        lines[6] == '  … and 42 more (the table above lists every file)'
    }

    def "a very long server message is cut to one short line"() {
        given:
        makeSnapshot(1, 10)
        routes['t01.parquet'] = { HttpExchange ex, String rel ->
            ex.responseHeaders.add('Location', 'gopher://' + 'x' * 3000)
            ex.sendResponseHeaders(302, -1)
        }

        when:
        def r = download(tmp.resolve('out'))

        then:
        r.exit == 1
        r.errLines.size() == 2
        r.errLines[1].length() <= 202
        r.errLines[1].endsWith('…')
        verifyEach(r.out.readLines()) { it.length() < 300 }
    }

    // ------------------------------------------------------------------ the URL, not a local path

    def "an invalid remote manifest is reported with its URL, not the local path it was never written to"() {
        given:
        Files.writeString(served.resolve('manifest.json'), content)
        Path out = tmp.resolve('out')

        when:
        def r = download(out)

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.errLines[0].startsWith("error: invalid manifest ${base}manifest.json: ")
        !r.err.contains(out.toString())
        !Files.exists(out)

        where:
        content << ['{"tables": {}}', '{"tables": {"a": {"file": "../a", "size_bytes": 1, "sha256": "' + 'a' * 64 + '"}}}', 'not json']
    }

    // ------------------------------------------------------------------ planted symbolic links

    def "a symlinked sub-directory planted in the output directory is refused before anything is created (#file)"() {
        given:
        byte[] data = 'abc'.bytes
        Files.writeString(served.resolve('manifest.json'), JsonOutput.toJson([tables: [
                good: [file: 'good.parquet', size_bytes: 3, sha256: sha256(data)],
                evil: [file: file, size_bytes: 3, sha256: sha256(data)]]]))
        Files.write(served.resolve('good.parquet'), data)
        Path outside = Files.createDirectories(tmp.resolve('outside'))
        Path out = Files.createDirectories(tmp.resolve('out'))
        Files.createSymbolicLink(out.resolve('sub'), outside)
        Files.createSymbolicLink(out.resolve('link.parquet'), outside.resolve('target.parquet'))

        when:
        def r = download(out)

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.errLines[0].contains('is a symbolic link')
        r.errLines[0].contains('nothing was written')
        listAll(outside).isEmpty()
        listAll(out) == ['link.parquet', 'sub']
        requests.count { !it.path.endsWith('manifest.json') } == 0

        where:
        file << ['sub/deep/er/x.parquet', 'sub/x.parquet', 'link.parquet']
    }
}
