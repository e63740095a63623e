package org.igem

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.sql.Sql
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
import java.util.concurrent.atomic.AtomicInteger

/**
 * Faults with real processes, real PostgreSQL and real sockets: kill -9 in the middle of an export
 * and of a download, a migration failing half-way, four upgrades racing on one database, a server
 * that resets connections mid-file, and a full run that must never print its password.
 */
class FaultSpec extends Specification {
    static final String HEAD = '846c774a8f66'
    static final String V1 = '7a8b9c0d1e2f'

    @Shared Backend.PgBackend pg = new Backend.PgBackend()
    @Shared Backend lite = Backend.sqlite()

    @TempDir Path tmp

    def cleanupSpec() {
        pg.cleanup()
        lite.cleanup()
    }

    // ------------------------------------------------------------------ helpers

    static String java() { Path.of(System.getProperty('java.home'), 'bin', 'java').toString() }

    /** The CLI as a separate JVM (so it can be killed), on the test class path, without the developer's DB variables. */
    static Process cli(Path cwd, List<String> args) {
        def pb = new ProcessBuilder([java(), '-cp', System.getProperty('java.class.path'), 'org.igem.cli.IgemCli'] + args)
                .directory(cwd.toFile())
        pb.environment().remove('DATABASE_URL')
        pb.environment().remove('IGEM_DB_URI')
        pb.start()
    }

    /** Waits for a process, collecting stdout and stderr. */
    static Map finish(Process p, long seconds = 60) {
        org.igem.support.Processes.collect(p, seconds, 'igem subprocess')
    }

    /** Polls until {@code cond} holds; fails if {@code p} ends first or time runs out. */
    static void waitUntil(Process p, long timeoutMs, String what, Closure<Boolean> cond) {
        long end = System.currentTimeMillis() + timeoutMs
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

    static String sha256(byte[] b) { MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }

    static List<String> names(Path dir) {
        Files.list(dir).withCloseable { s -> s.collect { it.fileName.toString() }.sort() }
    }

    /** A snapshot manifest listing one table file. */
    static String manifest(String file, byte[] content) {
        JsonOutput.prettyPrint(JsonOutput.toJson([snapshot_version: '2026-11-01', schema_version: '0.1.0',
                                                  schema_revision : HEAD, exported_at: '2026-11-01T02:00:00Z',
                                                  tables          : [entities: [file      : file, rows: 1000,
                                                                                size_bytes: content.length, sha256: sha256(content)]]]))
    }

    /** Catalog of the public schema: tables, their columns and types, partition links, constraints. */
    static Map catalog(Sql sql) {
        [tables     : sql.rows("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1").collect { "$it.relname:$it.relkind".toString() },
         columns    : sql.rows("SELECT table_name, column_name, data_type, is_nullable, ordinal_position FROM information_schema.columns "
                + "WHERE table_schema = 'public' ORDER BY 1, 5").collect { it.values().join('|') },
         inherits   : sql.firstRow('SELECT count(*) AS n FROM pg_inherits').n,
         constraints: sql.rows("SELECT conrelid::regclass::text AS t, conname FROM pg_constraint c JOIN pg_namespace n "
                + "ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY 1, 2").collect { "$it.t.$it.conname".toString() },
         history    : sql.rows('SELECT version, success FROM flyway_schema_history ORDER BY installed_rank').collect { "$it.version:$it.success".toString() },
         revision   : sql.firstRow('SELECT schema_revision FROM igem_metadata ORDER BY id LIMIT 1').schema_revision]
    }

    static final List<String> SEED_TABLES = ['system_config', 'igem_metadata', 'etl_source_systems', 'etl_data_sources',
                                             'entity_types', 'entity_relationship_types', 'genome_assemblies', 'chemical_groups',
                                             'entities', 'entity_aliases']

    static Map counts(Sql sql) {
        SEED_TABLES.collectEntries { [(it): sql.firstRow("SELECT count(*) AS n FROM $it".toString()).n] }
    }

    // ------------------------------------------------------------------ kill -9 during export

    def "kill -9 during an export leaves no manifest.json; a rerun with --overwrite completes and verifies"() {
        given: 'a SQLite database big enough that the export takes seconds, exported in small row groups'
        String uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '40000', '--seed', '11', '--db-uri', uri).exit == 0
        Path out = tmp.resolve('snap')

        when: 'the export process is killed while a large table is being written'
        Process p = cli(tmp, ['db', 'export', '--db-uri', uri, '--output', out.toString(), '--chunksize', '500'])
        p.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        waitUntil(p, 60_000, 'a large table being written') {
            Files.exists(out.resolve('.entities.parquet.part')) || Files.exists(out.resolve('.entity_aliases.parquet.part'))
        }
        boolean aliveAtKill = p.alive
        p.destroyForcibly()
        assert p.waitFor(30, TimeUnit.SECONDS)

        then: 'the directory is visibly incomplete: no manifest.json, tables missing'
        aliveAtKill
        p.exitValue() == 137
        !Files.exists(out.resolve('manifest.json'))
        names(out).count { it.endsWith('.parquet') } < 45
        !Files.exists(out.resolve('variant_snp_merges.parquet'))   // the last table in name order

        when: 'the same export again: refused without --overwrite, completes with it'
        def refused = CliRun.run('db', 'export', '--db-uri', uri, '--output', out.toString())
        def again = CliRun.run('db', 'export', '--db-uri', uri, '--output', out.toString(), '--overwrite', '--chunksize', '5000')
        def verify = CliRun.run('db', 'verify', out.toString())

        then:
        refused.exit == 1
        refused.err.contains('--overwrite')
        again.exit == 0
        again.err == ''
        Files.exists(out.resolve('manifest.json'))
        !names(out).any { it.endsWith('.part') }
        verify.exit == 0
        verify.out =~ /45 file\(s\): 45 OK/
    }

    // ------------------------------------------------------------------ kill -9 during download

    def "kill -9 during a download, then a rerun resumes with a Range request and every hash verifies"() {
        given: 'a loopback server with one 48 MB file, throttled for the first transfer'
        byte[] big = new byte[48 * 1024 * 1024]
        new Random(9).nextBytes(big)
        String mf = manifest('entities.parquet', big)
        AtomicBoolean throttle = new AtomicBoolean(true)
        List<String> ranges = new CopyOnWriteArrayList<>()
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        server.executor = Executors.newCachedThreadPool()
        server.createContext('/') { HttpExchange ex ->
            try {
                if (ex.requestURI.path.endsWith('/manifest.json')) {
                    byte[] b = mf.getBytes(StandardCharsets.UTF_8)
                    ex.sendResponseHeaders(200, b.length)
                    ex.responseBody.write(b)
                    return
                }
                String range = ex.requestHeaders.getFirst('Range')
                ranges << String.valueOf(range)
                int start = 0
                if (range) {
                    start = (range =~ /bytes=(\d+)-/)[0][1] as int
                    ex.responseHeaders.add('Content-Range', "bytes $start-${big.length - 1}/${big.length}")
                    ex.sendResponseHeaders(206, big.length - start)
                } else {
                    ex.sendResponseHeaders(200, big.length)
                }
                for (int i = start; i < big.length; i += 256 * 1024) {
                    ex.responseBody.write(big, i, Math.min(256 * 1024, big.length - i))
                    if (throttle.get()) {
                        Thread.sleep(25)   // ~10 MB/s: the transfer takes seconds
                    }
                }
            } catch (IOException ignored) {
                // the client went away (killed)
            } finally {
                ex.close()
            }
        }
        server.start()
        String url = "http://127.0.0.1:${server.address.port}/snap/"
        Path out = tmp.resolve('dl')
        Path part = out.resolve('entities.parquet.part')

        when: 'the download process is killed mid-file'
        Process p = cli(tmp, ['db', 'snapshot-download', '--url', url, '--output', out.toString()])
        p.consumeProcessOutput(new StringBuilder(), new StringBuilder())
        waitUntil(p, 60_000, 'a few MB in the .part file') { Files.exists(part) && Files.size(part) > 4 * 1024 * 1024 }
        boolean aliveAtKill = p.alive
        p.destroyForcibly()
        assert p.waitFor(30, TimeUnit.SECONDS)
        long kept = Files.size(part)

        then:
        aliveAtKill
        kept < big.length
        !Files.exists(out.resolve('manifest.json'))
        !Files.exists(out.resolve('entities.parquet'))

        when: 'a rerun (in-process, full speed)'
        throttle.set(false)
        ranges.clear()
        def r = CliRun.run('db', 'snapshot-download', '--url', url, '--output', out.toString())
        def verify = CliRun.run('db', 'verify', out.toString())

        then: 'it continued the .part with a Range request and verified the file'
        r.exit == 0
        r.err == ''
        ranges.size() == 1
        ranges[0] ==~ /bytes=\d+-/
        (ranges[0] =~ /bytes=(\d+)-/)[0][1] as long >= kept   // the .part may have grown until the kill landed
        r.out =~ /(?m)^entities\.parquet\s+48\.0 MB\s+resumed$/
        sha256(Files.readAllBytes(out.resolve('entities.parquet'))) == sha256(big)
        !Files.exists(part)
        Files.readString(out.resolve('manifest.json')) == mf
        verify.exit == 0
        verify.out =~ /(?m)^entities\.parquet\s+48\.0 MB\s+OK$/

        cleanup:
        server?.stop(0)
        (server?.executor as java.util.concurrent.ExecutorService)?.shutdownNow()
    }

    // ------------------------------------------------------------------ migration failing half-way

    def "a migration that fails half-way on PostgreSQL leaves schema, history and revision exactly as before"() {
        given: 'a database one revision behind head'
        String uri = pg.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri, '--target', V1).exit == 0

        and: 'sabotage: a plain (not partitioned) variant_molecular_effects, so V2 fails at its first PARTITION OF it, '
        'after it already dropped variant_masters and created the partitioned parents and their chr_* partitions'
        String v2 = getClass().classLoader.getResource('db/migration/postgresql/V2__variant_partitioning_m1.sql').text
        assert v2.indexOf('DROP TABLE IF EXISTS variant_masters') < v2.indexOf('PARTITION OF variant_masters ')
        assert v2.indexOf('PARTITION OF variant_masters ') < v2.indexOf('PARTITION OF variant_molecular_effects ')
        Sql sql = pg.sql(uri)
        sql.execute('CREATE TABLE variant_molecular_effects (id integer PRIMARY KEY, note text)')
        sql.execute("INSERT INTO variant_molecular_effects VALUES (1, 'kept')")
        Map before = catalog(sql)

        when:
        def r = CliRun.run('db', 'upgrade', '--db-uri', uri)
        Map after = catalog(sql)
        def status = CliRun.run('db', 'status', '--db-uri', uri)

        then: 'one line, exit 1'
        r.exit == 1
        r.errLines.size() == 1
        r.errLines[0].startsWith('error: migration failed on ')
        r.errLines[0].contains('"variant_molecular_effects" is not partitioned')
        !r.err.contains('\tat ')

        and: 'the transaction was rolled back: the same tables, columns, partitions, constraints, history and revision'
        before.tables.contains('variant_masters:r')          // the baseline-era table V2 drops first is back
        !before.tables.any { it.startsWith('variant_masters_chr_') }
        after == before
        sql.firstRow('SELECT note FROM variant_molecular_effects WHERE id = 1').note == 'kept'

        and:
        status.exit == 0
        status.out =~ /DB revision\s+: $V1/
        status.out.contains('1 pending migration(s)')

        cleanup:
        sql?.close()
    }

    // ------------------------------------------------------------------ concurrent upgrades

    def "four db upgrade processes at once on one behind-head database: one applies, the others wait and find nothing to do"() {
        given:
        String uri = pg.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri, '--target', V1).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '50', '--db-uri', uri).exit == 0
        Sql sql = pg.sql(uri)
        Map seedCounts = counts(sql)

        when: 'four processes, started together'
        List<Process> procs = (1..4).collect { cli(tmp, ['db', 'upgrade', '--db-uri', uri]) }
        List<Map> results = procs.collect { finish(it, 120) }

        then: 'all succeed, without an error line'
        verifyEach(results) {
            it.exit == 0
            it.err.trim() == ''
        }

        and: 'exactly one applied the migration; the others report that there was nothing left to apply'
        results.count { it.out.contains("applied $HEAD") } == 1
        verifyEach(results.findAll { !it.out.contains("applied $HEAD") }) { it.out.contains('no migrations to apply') }
        verifyEach(results) { it.out.contains("Upgrade complete: database at ${FaultSpec.HEAD}") }

        and: 'one history row per migration, the mirrored revision is head, no duplicated rows'
        sql.rows('SELECT version, success FROM flyway_schema_history ORDER BY installed_rank')
                .collect { "$it.version:$it.success".toString() } == ['1:true', '2:true']
        sql.firstRow('SELECT schema_revision FROM igem_metadata ORDER BY id LIMIT 1').schema_revision == HEAD
        counts(sql) == seedCounts
        CliRun.run('db', 'status', '--check', '--db-uri', uri).exit == 0

        cleanup:
        sql?.close()
    }

    // ------------------------------------------------------------------ connection resets mid-file

    /**
     * A minimal HTTP/1.1 server on a raw socket: the first {@code resets} requests for the table
     * file get the full Content-Length, half of the remaining bytes, then a TCP reset (SO_LINGER 0).
     */
    static class ResettingServer implements Closeable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
        final byte[] file
        final String manifest
        final int resets
        final List<String> ranges = new CopyOnWriteArrayList<>()
        final AtomicInteger fileRequests = new AtomicInteger()
        final Thread acceptor

        ResettingServer(byte[] file, String manifest, int resets) {
            this.file = file
            this.manifest = manifest
            this.resets = resets
            acceptor = Thread.start {
                while (!socket.closed) {
                    try {
                        Socket s = socket.accept()
                        Thread.start { handle(s) }
                    } catch (IOException ignored) {
                        return
                    }
                }
            }
        }

        int getPort() { socket.localPort }

        void handle(Socket s) {
            try {
                def input = new BufferedReader(new InputStreamReader(s.inputStream, StandardCharsets.ISO_8859_1))
                String requestLine = input.readLine()
                Map<String, String> headers = [:]
                for (String l = input.readLine(); l; l = input.readLine()) {
                    int i = l.indexOf(':')
                    headers[l.substring(0, i).trim().toLowerCase()] = l.substring(i + 1).trim()
                }
                String path = requestLine.split(' ')[1]
                OutputStream os = s.outputStream
                if (path.endsWith('/manifest.json')) {
                    byte[] b = manifest.getBytes(StandardCharsets.UTF_8)
                    os.write(("HTTP/1.1 200 OK\r\nContent-Length: ${b.length}\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1))
                    os.write(b)
                    os.flush()
                    s.close()
                    return
                }
                int n = fileRequests.incrementAndGet()
                String range = headers['range']
                ranges << String.valueOf(range)
                int start = range ? ((range =~ /bytes=(\d+)-/)[0][1] as int) : 0
                String head = range
                        ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes $start-${file.length - 1}/${file.length}\r\n"
                        : 'HTTP/1.1 200 OK\r\n'
                head += "Content-Length: ${file.length - start}\r\nConnection: close\r\n\r\n"
                os.write(head.getBytes(StandardCharsets.ISO_8859_1))
                if (n <= resets) {
                    os.write(file, start, (file.length - start).intdiv(2))
                    os.flush()
                    Thread.sleep(50)
                    s.setSoLinger(true, 0)   // close() now sends RST: a reset, not an orderly end
                    s.close()
                    return
                }
                os.write(file, start, file.length - start)
                os.flush()
                s.close()
            } catch (Exception ignored) {
                s.close()
            }
        }

        void close() {
            socket.close()
        }
    }

    def "a server that resets the connection mid-file: retried, resumed with Range requests, verified"() {
        given:
        byte[] data = new byte[3 * 1024 * 1024]
        new Random(21).nextBytes(data)
        def server = new ResettingServer(data, manifest('entities.parquet', data), 2)
        Path out = tmp.resolve('reset')

        when:
        def r = CliRun.run('db', 'snapshot-download', '--url', "http://127.0.0.1:$server.port/snap/".toString(),
                '--output', out.toString())
        def verify = CliRun.run('db', 'verify', out.toString())

        then:
        r.exit == 0
        r.err == ''
        server.fileRequests.get() == 3
        server.ranges[0] == 'null'
        verifyEach(server.ranges[1..2]) { it ==~ /bytes=\d+-/ }
        (server.ranges[1] =~ /(\d+)/)[0][1] as long > 0
        (server.ranges[2] =~ /(\d+)/)[0][1] as long > (server.ranges[1] =~ /(\d+)/)[0][1] as long
        r.out =~ /(?m)^entities\.parquet\s+3\.0 MB\s+resumed$/
        sha256(Files.readAllBytes(out.resolve('entities.parquet'))) == sha256(data)
        verify.exit == 0

        cleanup:
        server?.close()
    }

    // ------------------------------------------------------------------ passwords

    def "a full run with a password-checked role never prints the password, not even in --debug stack traces and logs"() {
        given: 'the role igem_pwtest, whose password PostgreSQL checks (scripts/pg-test-setup)'
        String secret = Backend.PW_SECRET
        String name = pg.newName()
        String uri = "postgresql://${Backend.PW_ROLE}:$secret@127.0.0.1:5432/$name"
        String jdbc = "jdbc:postgresql://127.0.0.1:5432/$name?user=${Backend.PW_ROLE}&password=$secret"
        String wrong = 'Wr0ng-Passw0rd-X9'
        int closedPort = { def s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); int p = s.localPort; s.close(); p }()
        Path cwd = Files.createDirectories(tmp.resolve('cwd'))
        Files.writeString(cwd.resolve('ops.groovy'), 'status()\ninfo()\nprintln "rows: " + query("SELECT count(*) AS n FROM entities")\n')
        Path snap = tmp.resolve('pwsnap')

        when: 'every command, successful ones first'
        Map<String, CliRun.Result> runs = [:]
        def run = { String label, Map opts = [:], List<String> args ->
            runs[label] = CliRun.run([cwd: cwd] + opts, args)
        }
        run('create', ['db', 'create', '--db-uri', uri, '--target', V1])
        run('status', ['db', 'status', '--db-uri', uri])
        run('status --json', ['db', 'status', '--json', '--db-uri', uri])
        run('migrate-dry-run', ['db', 'migrate-dry-run', '--db-uri', uri])
        run('upgrade', ['db', 'upgrade', '--db-uri', jdbc])
        run('stamp-head', ['db', 'stamp-head', '--db-uri', uri])
        run('info', ['db', 'info', '--db-uri', uri])
        run('status (DATABASE_URL)', [env: [DATABASE_URL: uri]], ['db', 'status', '--check'])
        run('status (.igem.toml)', [cwd: tomlDir(uri)], ['db', 'status'])
        run('dev generate', ['dev', 'generate', '--entities', '100', '--db-uri', uri])
        run('export', ['db', 'export', '--db-uri', uri, '--output', snap.toString()])
        run('run', ['run', '--db-uri', uri, 'ops.groovy'])
        run('nlp search', ['nlp', 'search', '--db-uri', uri, 'nothing to find here'])
        run('nlp lookup', ['nlp', 'lookup', '--json', '--db-uri', uri, 'il6'])
        run('create again', ['db', 'create', '--db-uri', uri])
        run('wrong password', ['db', 'status', '--db-uri', "postgresql://${Backend.PW_ROLE}:$wrong@127.0.0.1:5432/$name".toString()])
        run('refused port', ['db', 'upgrade', '--db-uri', "postgresql://${Backend.PW_ROLE}:$secret@127.0.0.1:$closedPort/$name".toString()])
        run('wrong password --debug', ['db', 'status', '--debug', '--db-uri', "postgresql://${Backend.PW_ROLE}:$wrong@127.0.0.1:5432/$name".toString()])
        run('unknown command', ['db', 'bogus', '--db-uri', uri])
        run('extra argument', ['db', 'status', '--db-uri', uri, uri])

        and: 'errors in separate JVMs (started together) with --debug, where the library logs (HikariCP, Flyway, pgjdbc) are on too'
        List<Process> debugProcs = [
                cli(cwd, ['db', 'upgrade', '--debug', '--db-uri', "postgresql://${Backend.PW_ROLE}:$secret@127.0.0.1:$closedPort/$name".toString()]),
                cli(cwd, ['db', 'upgrade', '--debug', '--db-uri', "jdbc:postgresql://127.0.0.1:5432/$name?user=${Backend.PW_ROLE}&password=$wrong".toString()]),
                cli(cwd, ['db', 'upgrade', '--debug', '--db-uri', uri])]
        def (Map debugRefused, Map debugWrong, Map debugOk) = debugProcs.collect { finish(it) }

        then: 'the successful commands succeeded and show the URI masked'
        verifyEach(['create', 'status', 'status --json', 'migrate-dry-run', 'upgrade', 'stamp-head', 'info', 'status (DATABASE_URL)',
                    'status (.igem.toml)', 'dev generate', 'export', 'run', 'nlp search', 'nlp lookup']) { runs[it].exit == 0 }
        runs['status'].out.contains("postgresql://${Backend.PW_ROLE}:****@127.0.0.1:5432/$name")
        runs['status --json'].out.contains(':****@')
        runs['info'].out.contains(':****@')
        runs['upgrade'].out.contains("applied $HEAD")
        runs['run'].out.contains(':****@')

        and: 'the failing ones failed with one line'
        verifyEach(['create again', 'wrong password', 'refused port', 'unknown command', 'extra argument']) {
            runs[it].exit != 0
            runs[it].errLines.size() == 1
        }
        runs['wrong password --debug'].err.contains('\tat ')
        debugRefused.exit == 1 && debugRefused.err.contains('\tat ') && debugRefused.err.contains('DEBUG')
        debugWrong.exit == 1 && debugWrong.err.contains('authentication failed') && debugWrong.err.contains('\tat ')
        debugOk.exit == 0 && debugOk.err.contains('HikariConfig')

        and: 'the password is nowhere: no output, no log line, no file the export wrote'
        runs.findAll { k, v -> v.all.contains(secret) || v.all.contains(wrong) }.keySet() == [] as Set
        verifyEach([refused: debugRefused, wrong: debugWrong, ok: debugOk].entrySet(), { it.key }) {
            !(it.value.out + it.value.err).contains(secret)
            !(it.value.out + it.value.err).contains(wrong)
        }
        Files.list(snap).withCloseable { s -> s.filter { Files.isRegularFile(it) }.noneMatch { Files.readString(it, StandardCharsets.ISO_8859_1).contains(secret) } }
        Files.readString(snap.resolve('manifest.json')).contains(name)   // the source is named, without credentials
    }

    /** A directory whose .igem.toml points at {@code uri}. */
    Path tomlDir(String uri) {
        Path d = Files.createDirectories(tmp.resolve('toml'))
        Files.writeString(d.resolve('.igem.toml'), "[database]\nuri = \"$uri\"\n")
        d
    }
}
