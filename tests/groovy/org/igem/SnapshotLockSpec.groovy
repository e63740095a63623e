package org.igem

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import org.igem.support.Backend
import org.igem.support.CliRun
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Two processes, one snapshot directory: every writer (snapshot-download, export,
 * snapshot-nlp) holds .igem.lock for its whole run. The first process is a real JVM, frozen with
 * SIGSTOP while it holds the lock (so the overlap is certain, not timed), the second is the CLI;
 * the second gets one line naming the holder, exit 1, and writes nothing; after SIGCONT the first
 * completes and `db verify` is clean. A holder killed with kill -9 leaves a lock that is taken over.
 */
class SnapshotLockSpec extends Specification {
    @Shared Backend lite = Backend.sqlite()
    @Shared String dbUri
    @TempDir Path tmp

    HttpServer server
    List<String> requests = new CopyOnWriteArrayList<>()
    AtomicBoolean throttle = new AtomicBoolean(true)
    /** version → [manifest text, file name → bytes] */
    Map<String, Map> versions = [:]

    def setupSpec() {
        dbUri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', dbUri).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '30000', '--seed', '5', '--db-uri', dbUri).exit == 0
    }

    def cleanupSpec() {
        lite.cleanup()
    }

    def setup() {
        versions.v1 = snapshot('2026-11-01', 1)
        versions.v2 = snapshot('2026-11-02', 2)
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        server.executor = Executors.newCachedThreadPool()
        server.createContext('/') { HttpExchange ex ->
            try {
                String[] parts = ex.requestURI.path.split('/')   // /<version>/<file>
                requests << ex.requestURI.path
                Map v = versions[parts[1]]
                byte[] body = parts[2] == 'manifest.json' ? (v.manifest as String).getBytes(StandardCharsets.UTF_8) : v.files[parts[2]]
                if (body == null) {
                    ex.sendResponseHeaders(404, -1)
                    return
                }
                ex.sendResponseHeaders(200, body.length)
                for (int i = 0; i < body.length; i += 64 * 1024) {
                    ex.responseBody.write(body, i, Math.min(64 * 1024, body.length - i))
                    if (throttle.get() && parts[2] != 'manifest.json') {
                        Thread.sleep(20)
                    }
                }
            } catch (IOException ignored) {
                // client gone
            } finally {
                ex.close()
            }
        }
        server.start()
    }

    def cleanup() {
        server?.stop(0)
        (server?.executor as java.util.concurrent.ExecutorService)?.shutdownNow()
    }

    // ------------------------------------------------------------------ helpers

    static String sha256(byte[] b) { MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }

    /** Two table files of random bytes (different per version), 4 MB and 1 MB. */
    static Map snapshot(String version, int seed) {
        def rnd = new Random(seed)
        Map files = [:]
        Map tables = [:]
        ['entities.parquet': 4 << 20, 'genes.parquet': 1 << 20].each { name, size ->
            byte[] b = new byte[size]
            rnd.nextBytes(b)
            files[name] = b
            tables[name - '.parquet'] = [file: name, rows: 10, size_bytes: size, sha256: sha256(b)]
        }
        [manifest: JsonOutput.prettyPrint(JsonOutput.toJson([snapshot_version: version, schema_version: '0.1.0',
                                                             tables: tables])), files: files]
    }

    String url(String version) { "http://127.0.0.1:${server.address.port}/$version/" }

    static String java() { Path.of(System.getProperty('java.home'), 'bin', 'java').toString() }

    static Process cli(Path cwd, List<String> args) {
        def pb = new ProcessBuilder([java(), '-cp', System.getProperty('java.class.path'), 'org.igem.cli.IgemCli'] + args)
                .directory(cwd.toFile())
        pb.environment().remove('DATABASE_URL')
        pb.environment().remove('IGEM_DB_URI')
        pb.start()
    }

    static void signal(Process p, String sig) {
        assert new ProcessBuilder('kill', "-$sig", p.pid().toString()).start().waitFor() == 0
        if (sig == 'STOP') {
            // kill returns once the signal is queued: a worker thread may still finish the write it is in.
            // The writer is frozen only when every one of its threads is in the stopped state.
            waitUntil(p, 'every thread stopped') {
                def tasks = new File("/proc/${p.pid()}/task").listFiles() ?: []
                tasks.every { t ->
                    String stat
                    try {
                        stat = new File(t, 'stat').text
                    } catch (IOException ignored) {
                        stat = '' // the thread ended meanwhile
                    }
                    stat.isEmpty() || stat.substring(stat.lastIndexOf(')') + 2).startsWith('T')
                }
            }
        }
    }

    static void waitUntil(Process p, String what, Closure<Boolean> cond) {
        long end = System.currentTimeMillis() + 120_000
        while (!cond()) {
            if (!p.alive) {
                throw new AssertionError("the process ended (exit ${p.exitValue()}) before $what: " + p.errorStream.text)
            }
            if (System.currentTimeMillis() > end) {
                p.destroyForcibly()
                throw new AssertionError("timed out waiting for $what")
            }
            Thread.sleep(5)
        }
    }

    /** Files and sizes under {@code dir} (the lock file included: the loser must not even touch it). */
    static Map<String, Long> snapshotOf(Path dir) {
        Files.walk(dir).withCloseable { s ->
            s.filter { Files.isRegularFile(it) }.collect(java.util.stream.Collectors.toMap(
                    { dir.relativize(it).toString() }, { Files.size(it) }))
        }
    }

    static boolean hasPart(Path dir) {
        Files.list(dir).withCloseable { s -> s.anyMatch { it.fileName.toString().endsWith('.part') } }
    }

    /** The refusal the second writer prints: one line, naming the holder's pid and host and since when. */
    static void assertRefused(CliRun.Result r, Path dir, Process holder, String holderCommand) {
        assert r.exit == 1
        assert r.errLines.size() == 1
        String line = r.errLines[0]
        assert line.startsWith("error: $dir is in use by another igem process (pid ${holder.pid()} on ")
        assert line.contains(", $holderCommand, since 20")
        assert line.contains('nothing was written')
        assert r.out == ''
    }

    // ------------------------------------------------------------------ snapshot-download

    def "two downloads into one directory (#variant): the second exits 1 naming the holder, the first completes, verify is clean"() {
        given:
        Path out = tmp.resolve('dl')
        Path lock = out.resolve('.igem.lock')

        when: 'the first download holds the directory, frozen mid-transfer'
        Process first = cli(tmp, ['db', 'snapshot-download', '--url', url('v1'), '--output', out.toString(), '--workers', '2'])
        waitUntil(first, 'the first download writing a .part file') { Files.exists(lock) && hasPart(out) }
        signal(first, 'STOP')
        Map before = snapshotOf(out)
        int requestsBefore = requests.size()
        def second = CliRun.run(['db', 'snapshot-download', '--url', url(secondVersion), '--output', out.toString()] + extra)
        Map after = snapshotOf(out)
        int secondRequests = requests.size() - requestsBefore
        signal(first, 'CONT')
        throttle.set(false)
        Map done = org.igem.support.Processes.collect(first, 120, 'first download')
        def verify = CliRun.run('db', 'verify', out.toString())

        then: 'the second one: one line, exit 1, no request, nothing changed'
        assertRefused(second, out, first, 'db snapshot-download')
        secondRequests == 0
        after == before

        and: 'the first one completed, with the bytes of its own version, and the lock is gone'
        done.exit == 0
        done.out.contains('Snapshot complete')
        Files.readString(out.resolve('manifest.json')) == versions.v1.manifest
        Files.readAllBytes(out.resolve('entities.parquet')) == versions.v1.files['entities.parquet']
        verify.exit == 0
        verify.out =~ /TOTAL.*2 file\(s\): 2 OK/
        !Files.exists(lock)

        where:
        variant                      | secondVersion | extra
        'same version'               | 'v1'          | []
        'another version'            | 'v2'          | []
        'another version, overwrite' | 'v2'          | ['--overwrite']
        'same version, overwrite'    | 'v1'          | ['--overwrite']
    }

    def "a download killed with kill -9 leaves a stale lock: the next download takes it over and completes"() {
        given:
        Path out = tmp.resolve('dl')
        Path lock = out.resolve('.igem.lock')
        Process first = cli(tmp, ['db', 'snapshot-download', '--url', url('v1'), '--output', out.toString()])
        waitUntil(first, 'the first download writing') { Files.exists(lock) && hasPart(out) }
        String record = Files.readString(lock)

        when:
        first.destroyForcibly()
        assert first.waitFor(30, TimeUnit.SECONDS)
        throttle.set(false)
        def again = CliRun.run('db', 'snapshot-download', '--url', url('v2'), '--output', out.toString())
        def verify = CliRun.run('db', 'verify', out.toString())

        then: 'the dead holder had recorded itself'
        record.contains("\"pid\":${first.pid()}")
        record.contains('"command":"db snapshot-download"')
        record.contains('"started_at":"20')

        and: 'its lock did not block the rerun'
        first.exitValue() == 137
        again.exit == 0
        again.err == ''
        Files.readString(out.resolve('manifest.json')) == versions.v2.manifest
        verify.exit == 0
        !Files.exists(lock)
        !(Files.readString(out.resolve('manifest.json')).contains('igem.lock'))
    }

    // ------------------------------------------------------------------ export

    def "two db export --overwrite into one directory: the second exits 1 naming the holder, the first completes, verify is clean"() {
        given:
        Path out = tmp.resolve('snap')
        Path lock = out.resolve('.igem.lock')

        when:
        Process first = cli(tmp, ['db', 'export', '--db-uri', dbUri, '--output', out.toString(), '--overwrite', '--chunksize', '500'])
        waitUntil(first, 'the first export writing a table') {
            Files.exists(lock) && Files.list(out).withCloseable { s -> s.anyMatch { it.fileName.toString().endsWith('.parquet.part') } }
        }
        signal(first, 'STOP')
        Map before = snapshotOf(out)
        def second = CliRun.run('db', 'export', '--db-uri', dbUri, '--output', out.toString(), '--overwrite')
        Map after = snapshotOf(out)
        signal(first, 'CONT')
        Map done = org.igem.support.Processes.collect(first, 180, 'first export')
        def verify = CliRun.run('db', 'verify', out.toString())

        then:
        assertRefused(second, out, first, 'db export')
        after == before
        done.exit == 0
        verify.exit == 0
        !verify.out.contains('igem.lock')
        !Files.exists(lock)
        !Files.readString(out.resolve('manifest.json')).contains('igem.lock')
    }

    def "an export killed with kill -9: the stale lock does not count as content and is taken over"() {
        given:
        Path out = tmp.resolve('snap')
        Path lock = out.resolve('.igem.lock')
        Process first = cli(tmp, ['db', 'export', '--db-uri', dbUri, '--output', out.toString(), '--chunksize', '500'])
        waitUntil(first, 'the export holding the lock') { Files.exists(lock) && Files.size(lock) > 0 }

        when: 'killed; its table files are removed by hand so only the stale lock is left'
        first.destroyForcibly()
        assert first.waitFor(30, TimeUnit.SECONDS)
        Files.list(out).withCloseable { s -> s.filter { it != lock }.toList() }.each { Files.delete(it) }
        def again = CliRun.run('db', 'export', '--db-uri', dbUri, '--output', out.toString())
        def verify = CliRun.run('db', 'verify', out.toString())

        then: 'an export without --overwrite accepts the directory: the lock file is not content'
        Files.list(out).withCloseable { it.count() } > 1
        again.exit == 0
        verify.exit == 0
        !Files.exists(lock)
    }

    // ------------------------------------------------------------------ snapshot-nlp

    def "two db snapshot-nlp on one snapshot: the second exits 1 naming the holder (it no longer exits 0 too)"() {
        given:
        Path snap = tmp.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', dbUri, '--output', snap.toString()).exit == 0
        Path lock = snap.resolve('.igem.lock')

        when:
        Process first = cli(tmp, ['db', 'snapshot-nlp', snap.toString()])
        waitUntil(first, 'the NLP build holding the lock') { Files.exists(lock) && Files.size(lock) > 0 }
        signal(first, 'STOP')
        Map before = snapshotOf(snap)
        def second = CliRun.run('db', 'snapshot-nlp', snap.toString())
        def secondOverwrite = CliRun.run('db', 'snapshot-nlp', snap.toString(), '--overwrite')
        Map after = snapshotOf(snap)
        signal(first, 'CONT')
        Map done = org.igem.support.Processes.collect(first, 180, 'first snapshot-nlp')
        def verify = CliRun.run('db', 'verify', snap.toString())

        then:
        assertRefused(second, snap, first, 'db snapshot-nlp')
        assertRefused(secondOverwrite, snap, first, 'db snapshot-nlp')
        after == before
        done.exit == 0
        verify.exit == 0
        verify.out.contains('nlp/')
        !Files.exists(lock)
    }

    def "export and snapshot-nlp exclude each other too: an NLP build while an export rewrites the snapshot is refused"() {
        given:
        Path snap = tmp.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', dbUri, '--output', snap.toString()).exit == 0
        Path lock = snap.resolve('.igem.lock')

        when:
        Process export = cli(tmp, ['db', 'export', '--db-uri', dbUri, '--output', snap.toString(), '--overwrite', '--chunksize', '500'])
        waitUntil(export, 'the export holding the lock') { Files.exists(lock) && Files.size(lock) > 0 }
        signal(export, 'STOP')
        def nlp = CliRun.run('db', 'snapshot-nlp', snap.toString())
        signal(export, 'CONT')
        Map done = org.igem.support.Processes.collect(export, 180, 'export')

        then:
        assertRefused(nlp, snap, export, 'db export')
        done.exit == 0
        !Files.exists(snap.resolve('nlp'))
        CliRun.run('db', 'verify', snap.toString()).exit == 0
    }

    // ------------------------------------------------------------------ planted links (the class of 11.15 in the other writers)

    def "snapshot-nlp and export --overwrite never write through a link planted at their temporary files"() {
        given:
        Path snap = tmp.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', dbUri, '--output', snap.toString()).exit == 0
        Path victim = Files.writeString(tmp.resolve('victim.txt'), 'precious')
        Files.createSymbolicLink(snap.resolve('.manifest.json.part'), victim)

        when:
        def nlp = CliRun.run('db', 'snapshot-nlp', snap.toString())

        then:
        nlp.exit == 0
        Files.readString(victim) == 'precious'
        !Files.exists(snap.resolve('.manifest.json.part'), java.nio.file.LinkOption.NOFOLLOW_LINKS)
        CliRun.run('db', 'verify', snap.toString()).exit == 0

        when:
        Files.createSymbolicLink(snap.resolve('.entities.parquet.part'), victim)
        Files.createSymbolicLink(snap.resolve('.manifest.json.part'), victim)
        def export = CliRun.run('db', 'export', '--db-uri', dbUri, '--output', snap.toString(), '--overwrite')

        then:
        export.exit == 0
        Files.readString(victim) == 'precious'
        CliRun.run('db', 'verify', snap.toString()).exit == 0
    }
}
