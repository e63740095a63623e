package org.igem

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.igem.support.Backend
import org.igem.support.CliRun
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger

/**
 * Bad input across every command, one row each, against the real CLI: malformed and unknown URIs,
 * unreachable / refused / wrong-password / missing databases, bad output directories, hostile table
 * names, bad options, invalid .igem.toml, broken or hostile manifests, damaged Parquet and NLP files,
 * unknown revisions and bad HTTP endpoints (a loopback server only).
 *
 * <p>Every row: the exit code the product defines (2 for usage errors), exactly one {@code error:}
 * line on stderr (commands that report per-file detail lines: the first line), no stack trace, the
 * password nowhere in the output, and nothing written or changed (the SQLite file, the PostgreSQL
 * schema history, tables and database list, and the row's working directory are compared before
 * and after).
 */
class BadInputSpec extends Specification {
    /** Carried by every URI that has a password: must never be printed. */
    static final String SECRET = 'BadIn-Zq7x-S3cr3t'

    @Shared @TempDir Path shared
    @Shared Backend.PgBackend pg = new Backend.PgBackend()
    @Shared Backend lite = Backend.sqlite()
    /** SQLite database at head with 300 synthetic entities. */
    @Shared String liteUri
    /** PostgreSQL database at head (plain trust auth; URIs still carry {@link #SECRET}). */
    @Shared String pgName
    /** Export of {@link #liteUri} with an NLP cache (nlp/igem-java/dictionary.bin). */
    @Shared Path goodSnap
    /** A port nothing listens on. */
    @Shared int closedPort
    /** A port that accepts TCP connections and never answers: an unreachable server. */
    @Shared @AutoCleanup ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    @Shared HttpServer http
    @Shared Map<String, AtomicInteger> hits = new ConcurrentHashMap<>()
    @Shared byte[] tableBytes
    @Shared String goodManifest

    def setupSpec() {
        liteUri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', liteUri).exit == 0
        assert CliRun.run('dev', 'generate', '--entities', '300', '--seed', '5', '--db-uri', liteUri).exit == 0
        goodSnap = shared.resolve('snap')
        assert CliRun.run('db', 'export', '--db-uri', liteUri, '--output', goodSnap.toString()).exit == 0
        assert CliRun.run('db', 'snapshot-nlp', goodSnap.toString()).exit == 0

        pgName = pg.newName()
        assert CliRun.run('db', 'create', '--db-uri', "postgresql://postgres@127.0.0.1:5432/$pgName".toString()).exit == 0

        def s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
        closedPort = s.localPort
        s.close()

        startHttp()
    }

    def cleanupSpec() {
        http?.stop(0)
        (http?.executor as java.util.concurrent.ExecutorService)?.shutdownNow()
        pg.cleanup()
        lite.cleanup()
    }

    // ------------------------------------------------------------------ loopback HTTP server

    static String sha256(byte[] b) { MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }

    static String manifestWith(String file, byte[] content) {
        JsonOutput.toJson([snapshot_version: '2026-11-01', schema_version: '0.1.0', schema_revision: '846c774a8f66',
                           exported_at: '2026-11-01T02:00:00Z',
                           tables: [entities: [file: file, rows: 10, size_bytes: content.length, sha256: sha256(content)]]])
    }

    /**
     * Paths are /&lt;case&gt;/&lt;file&gt;: the case decides what manifest.json and the table file do
     * (404, 500, redirect to file:, not JSON, truncated, hostile paths, wrong bytes).
     */
    void startHttp() {
        tableBytes = new byte[4096]
        new Random(3).nextBytes(tableBytes)
        goodManifest = manifestWith('entities.parquet', tableBytes)
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        http.executor = Executors.newCachedThreadPool()
        http.createContext('/') { HttpExchange ex ->
            try {
                List<String> parts = ex.requestURI.path.split('/').findAll()
                String kase = parts ? parts[0] : ''
                String file = parts.size() > 1 ? parts[1..-1].join('/') : ''
                hits.computeIfAbsent("$kase/$file".toString()) { new AtomicInteger() }.incrementAndGet()
                if (file == 'manifest.json') {
                    switch (kase) {
                        case 'm404': send(ex, 404, 'not found'); break
                        case 'm500': send(ex, 500, 'boom'); break
                        case 'mredirect':
                            ex.responseHeaders.add('Location', 'file:///etc/passwd')
                            ex.sendResponseHeaders(302, -1)
                            break
                        case 'mnotjson': send(ex, 200, '<html><body>Snapshot moved</body></html>'); break
                        case 'mtruncated': send(ex, 200, goodManifest.substring(0, goodManifest.length().intdiv(2))); break
                        case 'mdotdot': send(ex, 200, manifestWith('../x.parquet', tableBytes)); break
                        case 'mabsolute': send(ex, 200, manifestWith('/etc/passwd', tableBytes)); break
                        default: send(ex, 200, goodManifest)
                    }
                } else if (file == 'entities.parquet') {
                    switch (kase) {
                        case 'f404': send(ex, 404, 'gone'); break
                        case 'fredirect':
                            ex.responseHeaders.add('Location', 'file:///etc/passwd')
                            ex.sendResponseHeaders(301, -1)
                            break
                        case 'fwrongbytes':
                            byte[] other = tableBytes.clone()
                            other[7] = (byte) (other[7] ^ 0x55)
                            ex.sendResponseHeaders(200, other.length)
                            ex.responseBody.write(other)
                            break
                        default:
                            ex.sendResponseHeaders(200, tableBytes.length)
                            ex.responseBody.write(tableBytes)
                    }
                } else {
                    send(ex, 404, 'no such file')
                }
            } finally {
                ex.close()
            }
        }
        http.start()
    }

    static void send(HttpExchange ex, int code, String body) {
        byte[] b = body.getBytes('UTF-8')
        ex.sendResponseHeaders(code, b.length)
        ex.responseBody.write(b)
    }

    // ------------------------------------------------------------------ per-row context

    /** What one row sees: a fresh working directory, the shared databases, and extra environment. */
    class Ctx {
        final Path work = Files.createTempDirectory(shared, 'row')
        final Map<String, String> env = [:]
        /** The run's result, for the row's own checks. */
        CliRun.Result result

        String getLite() { liteUri }

        String getPgUri() { "postgresql://postgres:$SECRET@127.0.0.1:5432/$pgName".toString() }

        /** A PostgreSQL URI naming a database that does not exist (dropped in cleanupSpec if a row made it). */
        String freshPg() { "postgresql://postgres:$SECRET@127.0.0.1:5432/${BadInputSpec.this.pg.newName()}".toString() }

        String wrongPassword(String db = 'postgres') { "postgresql://${Backend.PW_ROLE}:$SECRET@127.0.0.1:5432/$db".toString() }

        String refused() { "postgresql://postgres:$SECRET@127.0.0.1:$closedPort/igem".toString() }

        String unreachable() {
            env.IGEM_DB_CONNECT_TIMEOUT = '1'
            "postgresql://postgres:$SECRET@127.0.0.1:${blackHole.localPort}/igem".toString()
        }

        String url(String kase) { "http://127.0.0.1:${http.address.port}/$kase/".toString() }

        String path(String rel) { work.resolve(rel).toString() }

        String file(String rel, String content = 'x') {
            Path p = work.resolve(rel)
            Files.createDirectories(p.parent)
            Files.writeString(p, content)
            p.toString()
        }

        /** A private copy of the exported snapshot under work/snap; {@code nlp: false} drops the NLP cache. */
        String snap(boolean nlp = true) {
            Path dst = work.resolve('snap')
            Files.walk(goodSnap).withCloseable { s ->
                s.each { Path src ->
                    Path t = dst.resolve(goodSnap.relativize(src).toString())
                    if (Files.isDirectory(src)) {
                        Files.createDirectories(t)
                    } else {
                        Files.copy(src, t)
                    }
                }
            }
            if (!nlp) {
                dst.resolve('nlp').toFile().deleteDir()
                editManifest { it.remove('igem_java_nlp') }
            }
            dst.toString()
        }

        Path getSnapDir() { work.resolve('snap') }

        void editManifest(Closure edit) {
            Path m = snapDir.resolve('manifest.json')
            Map json = new JsonSlurper().parse(m.toFile()) as Map
            edit(json)
            Files.writeString(m, JsonOutput.toJson(json))
        }

        void truncate(String rel, int size) {
            Path f = snapDir.resolve(rel)
            byte[] b = Files.readAllBytes(f)
            Files.write(f, Arrays.copyOf(b, Math.min(size, b.length)))
        }
    }

    /** Everything a bad input must leave alone. */
    Map world(Ctx c) {
        def sql = pg.sql("postgresql://postgres@127.0.0.1:5432/$pgName")
        Map pgState
        try {
            pgState = [history : sql.firstRow('SELECT count(*) AS n FROM flyway_schema_history').n,
                       tables  : sql.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")*.tablename,
                       entities: sql.firstRow('SELECT count(*) AS n FROM entities').n,
                       revision: sql.firstRow('SELECT schema_revision FROM igem_metadata ORDER BY id LIMIT 1').schema_revision]
        } finally {
            sql.close()
        }
        def admin = Backend.PgBackend.admin()
        List dbs
        try {
            dbs = admin.rows("SELECT datname FROM pg_database WHERE datname LIKE 'igem_t_${ProcessHandle.current().pid()}_%' ORDER BY 1".toString())*.datname
        } finally {
            admin.close()
        }
        Path liteFile = Path.of(liteUri - 'sqlite:')
        [pg: pgState, databases: dbs, lite: sha256(Files.readAllBytes(liteFile)), work: tree(c.work)]
    }

    /** relative path → sha256 (or "dir") of everything under {@code dir}. */
    static Map<String, String> tree(Path dir) {
        Map<String, String> m = new TreeMap<>()
        Files.walk(dir).withCloseable { s ->
            s.filter { it != dir }.each { Path p ->
                m[dir.relativize(p).toString()] = Files.isDirectory(p) ? 'dir' : sha256(Files.readAllBytes(p))
            }
        }
        m
    }

    // ------------------------------------------------------------------ the matrix

    static final String SAME = 'nothing written or changed'
    /** snapshot-download after the manifest was accepted: the output directory may exist, but holds nothing. */
    static final String EMPTY_OUT = 'output directory empty or absent'
    /** verify / per-file reports: first stderr line is the error, detail lines may follow. */
    static final boolean DETAIL = true

    def "#category: #command → exit #exit, one clean line, nothing changed"() {
        given:
        Ctx c = new Ctx()
        List<String> argv = args.call(c).collect { it.toString() }
        Map before = world(c)

        when:
        def r = CliRun.run([env: c.env, cwd: c.work], argv)
        Map after = world(c)
        List<String> lines = r.errLines
        c.result = r

        then: 'the exit code the product defines'
        r.exit == exit

        and: 'one line on stderr (per-file detail lines may follow the first one for some commands)'
        lines.size() >= 1
        lines[0].startsWith(exit == 0 ? 'warning: ' : 'error: ')
        lines[0].contains(message)
        detail || lines.size() == 1
        verifyEach(lines) {
            !it.contains('\tat ')
            !it.contains('Exception')
            !(it =~ /^\s+at [\w.$]+\(/)
        }
        !r.out.contains('\tat ') && !r.out.contains('Exception')

        and: 'never the password'
        !r.all.contains(SECRET)
        !r.all.contains(Backend.PW_SECRET)

        and: 'nothing written or changed'
        after.pg == before.pg
        after.databases == before.databases
        after.lite == before.lite
        untouched == SAME ? after.work == before.work : emptyOrAbsent(c.work.resolve('out'), before.work, after.work)

        and: 'row-specific checks'
        extra.call(c)

        where:
        category | command | args | exit | message | detail | untouched | extra
        // ---- database URIs: malformed, unknown scheme ---------------------------------------------------------
        'URI unknown scheme'   | 'db status'          | { ['db', 'status', '--db-uri', "mysql://root:$SECRET@127.0.0.1/igem"] }                       | 2 | "unknown URI scheme 'mysql'"   | false | SAME | NONE
        'URI unknown scheme'   | 'db info'            | { ['db', 'info', '--db-uri', "https://u:$SECRET@127.0.0.1/igem"] }                           | 2 | "unknown URI scheme 'https'"   | false | SAME | NONE
        'URI unsupported JDBC' | 'db create'          | { ['db', 'create', '--db-uri', "jdbc:mysql://127.0.0.1/igem?user=u&password=$SECRET"] }      | 2 | 'unsupported JDBC URL'         | false | SAME | NONE
        'URI malformed port'   | 'db upgrade'         | { ['db', 'upgrade', '--db-uri', "postgresql://postgres:$SECRET@127.0.0.1:fivefour/igem"] }   | 2 | "port 'fivefour' is not a number" | false | SAME | NONE
        'URI port range'       | 'db create'          | { ['db', 'create', '--db-uri', "postgresql://postgres:$SECRET@127.0.0.1:99999/igem"] }       | 2 | 'out of range'                 | false | SAME | NONE
        'URI no database'      | 'db stamp-head'      | { ['db', 'stamp-head', '--db-uri', "postgresql://postgres:$SECRET@127.0.0.1:5432"] }         | 2 | 'no database name'             | false | SAME | NONE
        'URI one slash'        | 'db migrate-dry-run' | { ['db', 'migrate-dry-run', '--db-uri', "postgresql:/postgres:$SECRET@127.0.0.1/igem"] }     | 2 | "expected '//'"                | false | SAME | NONE
        'URI unclosed IPv6'    | 'db status'          | { ['db', 'status', '--db-uri', "postgresql://postgres:$SECRET@[::1/igem"] }                  | 2 | "unterminated '['"             | false | SAME | NONE
        'URI ;password='       | 'db status'          | { ['db', 'status', '--db-uri', "jdbc:postgresql://127.0.0.1:$closedPort/igem;password=$SECRET"] } | 2 | "contains ';'"        | false | SAME | NONE
        'URI in-memory SQLite' | 'dev generate'       | { ['dev', 'generate', '--entities', '5', '--db-uri', 'sqlite::memory:'] }                    | 2 | 'in-memory databases are not supported' | false | SAME | NONE
        'URI from env'         | 'db info'            | { it.env.DATABASE_URL = "postgres://u:$SECRET@127.0.0.1:x/igem".toString(); ['db', 'info'] }             | 2 | 'is not a number'              | false | SAME | NONE
        'URI missing'          | 'db verify'          | { ['db', 'verify'] }                                                                         | 2 | 'no database URI given'        | false | SAME | NONE
        'URI bad sslmode'      | 'db status'          | { ['db', 'status', '--db-uri', "postgresql://postgres:$SECRET@127.0.0.1:5432/igem?sslmode=bogus"] } | 2 | "invalid value 'bogus' for PostgreSQL connection parameter 'sslmode'" | false | SAME | NONE
        // ---- database servers: unreachable, refused, wrong password, missing database ------------------------
        'unreachable host'     | 'db upgrade'         | { ['db', 'upgrade', '--db-uri', it.unreachable()] }                                           | 1 | 'cannot connect'               | false | SAME | NONE
        'refused port'         | 'db status'          | { ['db', 'status', '--db-uri', it.refused()] }                                                | 1 | 'refused'                      | false | SAME | NONE
        'refused port'         | 'db export'          | { ['db', 'export', '--db-uri', it.refused(), '--output', it.path('out')] }                     | 1 | 'refused'                      | false | SAME | NONE
        'refused port'         | 'nlp lookup'         | { ['nlp', 'lookup', '--db-uri', it.refused(), 'il6'] }                                        | 1 | 'refused'                      | false | SAME | NONE
        'wrong password'       | 'db status'          | { ['db', 'status', '--db-uri', it.wrongPassword()] }                                          | 1 | 'authentication failed'        | false | SAME | NONE
        'wrong password (env)' | 'dev generate'       | { it.env.DATABASE_URL = it.wrongPassword(); ['dev', 'generate', '--entities', '5'] }           | 1 | 'authentication failed'        | false | SAME | NONE
        'wrong password (jdbc)'| 'nlp search'         | { ['nlp', 'search', '--db-uri', "jdbc:postgresql://127.0.0.1:5432/postgres?user=${Backend.PW_ROLE}&password=$SECRET", 'IL6'] } | 1 | 'authentication failed' | false | SAME | NONE
        'wrong password (DSL)' | 'run'                | { it.file('s.groovy', 'status()\ninfo()\n'); ['run', '--db-uri', it.wrongPassword(), 's.groovy'] } | 1 | 's.groovy:1: step status failed: authentication failed' | false | SAME | NONE
        'missing database'     | 'db upgrade'         | { ['db', 'upgrade', '--db-uri', it.freshPg()] }                                               | 1 | 'does not exist'               | false | SAME | NONE
        'missing database'     | 'db export'          | { ['db', 'export', '--db-uri', 'sqlite:' + it.path('none.db'), '--output', it.path('out')] }   | 1 | 'does not exist'               | false | SAME | NONE
        'existing database'    | 'db create'          | { ['db', 'create', '--db-uri', it.pgUri] }                                                       | 1 | 'already exists'               | false | SAME | NONE
        // ---- revisions ---------------------------------------------------------------------------------------
        'unknown --target'     | 'db upgrade'         | { ['db', 'upgrade', '--db-uri', it.pgUri, '--target', 'nope'] }                                  | 2 | "unknown revision 'nope'"      | false | SAME | NONE
        'unknown --target'     | 'db create'          | { ['db', 'create', '--db-uri', it.freshPg(), '--target', 'deadbeef0000'] }                    | 2 | "unknown revision 'deadbeef0000'" | false | SAME | NONE
        'unknown --target'     | 'db migrate-dry-run' | { ['db', 'migrate-dry-run', '--db-uri', it.lite, '--target', 'V9'] }                          | 2 | "unknown revision 'V9'"        | false | SAME | NONE
        // ---- export: output directory, tables, options --------------------------------------------------------
        'output is a file'     | 'db export'          | { ['db', 'export', '--db-uri', it.lite, '--output', it.file('out')] }                          | 1 | 'is not a directory'           | false | SAME | NONE
        'output parent missing'| 'db export'          | { ['db', 'export', '--db-uri', it.lite, '--output', it.path('no/such/out')] }                  | 1 | 'does not exist'               | false | SAME | NONE
        'output not empty'     | 'db export'          | { it.file('out/notes.txt', 'keep me'); ['db', 'export', '--db-uri', it.lite, '--output', it.path('out')] } | 1 | 'use --overwrite'   | false | SAME | NONE
        'unknown table'        | 'db export'          | { ['db', 'export', '--db-uri', it.lite, '--output', it.path('out'), '--tables', 'entities,no_such_table'] } | 2 | "unknown table: 'no_such_table'" | false | SAME | NONE
        'table with quotes'    | 'db export'          | { ['db', 'export', '--db-uri', it.lite, '--output', it.path('out'), '--tables', 'x"; DROP TABLE entities; --'] } | 2 | 'unknown table' | false | SAME | NONE
        'table with quotes'    | 'db export'          | { ['db', 'export', '--db-uri', it.pgUri, '--output', it.path('out'), '--tables', "entities'; DROP TABLE entity_types; --"] } | 2 | 'unknown table' | false | SAME | NONE
        'exclude with quotes'  | 'db export'          | { ['db', 'export', '--db-uri', it.pgUri, '--output', it.path('out'), '--exclude', 'entities";--'] } | 2 | 'unknown table'             | false | SAME | NONE
        'invalid --compression'| 'db export'          | { ['db', 'export', '--db-uri', it.lite, '--output', it.path('out'), '--compression', 'lz4'] }  | 2 | "unknown compression 'lz4'"    | false | SAME | NONE
        'zero --chunksize'     | 'db export'          | { ['db', 'export', '--db-uri', it.lite, '--output', it.path('out'), '--chunksize', '0'] }      | 2 | '--chunksize must be greater than 0' | false | SAME | NONE
        'negative --chunksize' | 'db export'          | { ['db', 'export', '--db-uri', it.pgUri, '--output', it.path('out'), '--chunksize', '-5'] }       | 2 | '--chunksize must be greater than 0' | false | SAME | NONE
        'non-numeric --chunksize' | 'db export'       | { ['db', 'export', '--db-uri', it.lite, '--output', it.path('out'), '--chunksize', 'lots'] }   | 2 | "'lots' is not an int"         | false | SAME | NONE
        '--workers on export'  | 'db export'          | { ['db', 'export', '--db-uri', it.lite, '--output', it.path('out'), '--workers', '0'] }        | 2 | "Unknown options: '--workers'" | false | SAME | NONE
        'zero --entities'      | 'dev generate'       | { ['dev', 'generate', '--entities', '0', '--db-uri', it.lite] }                               | 2 | '--entities must be at least 1'| false | SAME | NONE
        // ---- .igem.toml ---------------------------------------------------------------------------------------
        'invalid .igem.toml'   | 'db status'          | { it.file('.igem.toml', '[database\nuri = "sqlite:x.db"\n'); ['db', 'status'] }              | 2 | '.igem.toml line 1'            | false | SAME | NONE
        'invalid .igem.toml'   | 'nlp search'         | { it.file('.igem.toml', "[database]\nuri = \"postgresql://u:$SECRET@127.0.0.1/x\" trailing\n"); ['nlp', 'search', 'IL6'] } | 2 | '.igem.toml line 2' | false | SAME | NONE
        '.igem.toml duplicate' | 'db info'            | { it.file('.igem.toml', "[database]\nuri = \"sqlite:a.db\"\nuri = \"postgresql://u:$SECRET@h/x\"\n"); ['db', 'info'] } | 2 | 'Duplicate key' | false | SAME | NONE
        '.igem.toml uri type'  | 'db status'          | { it.file('.igem.toml', "[database]\nuri = 42\n"); ['db', 'status'] }                       | 2 | '[database] uri must be a string' | false | SAME | NONE
        '.igem.toml bad URI'   | 'db upgrade'         | { it.file('.igem.toml', "[database]\nuri = \"mssql://sa:$SECRET@127.0.0.1/igem\"\n"); ['db', 'upgrade'] } | 2 | "unknown URI scheme 'mssql'" | false | SAME | NONE
        // ---- local snapshots: manifest, Parquet, NLP cache ------------------------------------------------------
        'missing manifest'     | 'db info'            | { Files.createDirectories(it.work.resolve('empty')); ['db', 'info', '--db-uri', "parquet://${it.path('empty')}"] } | 1 | 'manifest.json does not exist' | false | SAME | NONE
        'non-JSON manifest'    | 'db verify'          | { it.snap(); it.file('snap/manifest.json', 'tables: all of them'); ['db', 'verify', 'snap'] }   | 1 | 'not valid JSON'               | false | SAME | NONE
        'truncated manifest'   | 'nlp search'         | { it.snap(); def m = it.snapDir.resolve('manifest.json'); Files.writeString(m, Files.readString(m).substring(0, 300)); ['nlp', 'search', '--db-uri', it.path('snap'), 'IL6'] } | 1 | 'not valid JSON' | false | SAME | NONE
        'manifest ../ path'    | 'db info'            | { it.snap(); it.editManifest { it.tables.entities.file = '../entities.parquet' }; ['db', 'info', '--db-uri', it.path('snap')] } | 1 | "unsafe file '../entities.parquet'" | false | SAME | NONE
        'manifest absolute path' | 'db verify'        | { it.snap(); it.editManifest { it.tables.entities.file = '/etc/passwd' }; ['db', 'verify', it.path('snap')] } | 1 | "unsafe file '/etc/passwd'" | false | SAME | NONE
        'manifest ../ path'    | 'db snapshot-nlp'    | { it.snap(false); it.editManifest { it.tables.entity_aliases.file = 'a/../../x.parquet' }; ['db', 'snapshot-nlp', it.path('snap')] } | 1 | 'unsafe file' | false | SAME | NONE
        'missing Parquet file' | 'db info'            | { it.snap(); Files.delete(it.snapDir.resolve('entity_types.parquet')); ['db', 'info', '--db-uri', it.path('snap')] } | 1 | 'entity_types.parquet is missing' | false | SAME | NONE
        'missing Parquet file' | 'db verify'          | { it.snap(); Files.delete(it.snapDir.resolve('entities.parquet')); ['db', 'verify', it.path('snap')] } | 1 | 'entities.parquet (missing)' | DETAIL | SAME | { it.result.out =~ /(?m)^entities\.parquet\s.*MISSING$/ }
        'truncated Parquet'    | 'db verify'          | { it.snap(); it.truncate('entity_aliases.parquet', 500); ['db', 'verify', it.path('snap')] }    | 1 | 'entity_aliases.parquet (mismatch)' | DETAIL | SAME | { it.result.out =~ /(?m)^entity_aliases\.parquet\s.*MISMATCH \(size 500 bytes/ }
        'truncated Parquet'    | 'nlp search'         | { it.snap(false); it.truncate('entity_aliases.parquet', 200); ['nlp', 'search', '--db-uri', it.path('snap'), 'IL6'] } | 1 | 'cannot read Parquet file' | false | SAME | NONE
        'empty Parquet'        | 'nlp lookup'         | { it.snap(false); it.truncate('entity_aliases.parquet', 0); ['nlp', 'lookup', '--db-uri', it.path('snap'), 'il6'] } | 1 | 'is not a Parquet file' | false | SAME | { !it.result.err.contains('InputFile@') }
        'truncated NLP cache'  | 'nlp search'         | { it.snap(); it.truncate('nlp/igem-java/dictionary.bin', 1000); ['nlp', 'search', '--json', '--db-uri', it.path('snap'), 'IL6'] } | 0 | 'rebuilding the dictionary in memory' | false | SAME | { it.result.err.contains('has 1000 bytes') && it.result.out.trim().startsWith('[') }
        'NLP cache wrong hash' | 'nlp lookup'         | { it.snap(); def f = it.snapDir.resolve('nlp/igem-java/dictionary.bin'); byte[] b = Files.readAllBytes(f); b[b.length.intdiv(2)] ^= 0x5A; Files.write(f, b); ['nlp', 'lookup', '--json', '--db-uri', it.path('snap'), 'il6'] } | 0 | 'sha256' | false | SAME | { it.result.err.contains('rebuilding') && it.result.out.trim().startsWith('[') }
        'not a snapshot'       | 'db snapshot-nlp'    | { ['db', 'snapshot-nlp', '--db-uri', it.lite] }                                               | 2 | 'needs a snapshot directory'   | false | SAME | NONE
        'refused port'         | 'db query'           | { ['db', 'query', '--db-uri', it.refused(), 'SELECT 1'] }                                     | 1 | 'refused'                      | false | SAME | NONE
        'missing database'     | 'db query'           | { ['db', 'query', '--db-uri', 'sqlite:' + it.path('none.db'), 'SELECT 1'] }                    | 1 | 'does not exist'               | false | SAME | NONE
        'manifest ../ path'    | 'db query'           | { it.snap(); it.editManifest { it.tables.entities.file = '../entities.parquet' }; ['db', 'query', '--db-uri', it.path('snap'), 'SELECT 1'] } | 1 | "unsafe file '../entities.parquet'" | false | SAME | NONE
        'missing Parquet file' | 'db query'           | { it.snap(); Files.delete(it.snapDir.resolve('entity_types.parquet')); ['db', 'query', '--db-uri', it.path('snap'), 'SELECT 1'] } | 1 | 'entity_types.parquet is missing' | false | SAME | NONE
        'truncated Parquet'    | 'db query'           | { it.snap(); it.truncate('entity_aliases.parquet', 500); ['db', 'query', '--db-uri', it.path('snap'), 'SELECT 1'] } | 1 | 'the manifest says' | false | SAME | NONE
        'bad SQL'              | 'db query'           | { ['db', 'query', '--db-uri', it.lite, 'SELECT FROM WHERE'] }                                 | 1 | 'query failed'                 | false | SAME | NONE
        'output parent missing'| 'db query'           | { ['db', 'query', '--db-uri', it.lite, 'SELECT 1', '--output', it.path('no/such/out.csv')] }  | 1 | 'does not exist'               | false | SAME | NONE
        'negative --max-rows'  | 'db query'           | { ['db', 'query', '--db-uri', it.lite, 'SELECT 1', '--max-rows', '-1'] }                      | 2 | 'must not be negative'         | false | SAME | NONE
        'snapshot as SQL db'   | 'db upgrade'         | { it.snap(); ['db', 'upgrade', '--db-uri', it.path('snap')] }                                  | 2 | 'read-only Parquet snapshot'   | false | SAME | NONE
        // ---- snapshot-download: URLs, options, HTTP failures, hostile manifests ---------------------------------
        'non-http URL'         | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', 'ftp://127.0.0.1/snap/', '--output', it.path('out')] } | 2 | 'must be an http:// or https:// URL' | false | SAME | NONE
        'file: URL'            | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', 'file:///etc/', '--output', it.path('out')] }     | 2 | 'must be an http:// or https:// URL' | false | SAME | NONE
        'malformed URL'        | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', 'http://', '--output', it.path('out')] }          | 2 | '--url is not a valid URL'   | false | SAME | NONE
        'zero --workers'       | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('ok'), '--output', it.path('out'), '--workers', '0'] }  | 2 | '--workers must be greater than 0' | false | SAME | { !hits['ok/manifest.json'] }
        'negative --workers'   | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('ok'), '--output', it.path('out'), '--workers', '-1'] } | 2 | '--workers must be greater than 0' | false | SAME | { !hits['ok/manifest.json'] }
        'negative --retries'   | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('ok'), '--output', it.path('out'), '--retries', '-1'] } | 2 | '--retries must be 0 or more' | false | SAME | NONE
        'output is a file'     | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('ok'), '--output', it.file('out')] }        | 1 | 'is not a directory'         | false | SAME | NONE
        'HTTP 404 manifest'    | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('m404'), '--output', it.path('out')] }     | 1 | 'HTTP 404'                   | false | SAME | NONE
        'HTTP 500 manifest'    | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('m500'), '--output', it.path('out'), '--retries', '1'] } | 1 | 'HTTP 500' | false | SAME | { it.result.err.contains('(after 2 attempts)') && hits['m500/manifest.json'].get() == 2 }
        'redirect to file:'    | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('mredirect'), '--output', it.path('out')] } | 1 | 'redirect to a non-HTTP location refused' | false | SAME | NONE
        'non-JSON manifest'    | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('mnotjson'), '--output', it.path('out')] } | 1 | 'not valid JSON'             | false | SAME | NONE
        'truncated manifest'   | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('mtruncated'), '--output', it.path('out')] } | 1 | 'not valid JSON'           | false | SAME | NONE
        'manifest ../ path'    | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('mdotdot'), '--output', it.path('out')] }  | 1 | "unsafe file '../x.parquet'" | false | SAME | { !hits['mdotdot/entities.parquet'] && !Files.exists(it.work.resolve('x.parquet')) }
        'manifest absolute path' | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('mabsolute'), '--output', it.path('out')] } | 1 | "unsafe file '/etc/passwd'" | false | SAME | NONE
        'HTTP 404 file'        | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('f404'), '--output', it.path('out')] }     | 1 | '1 file(s) failed: entities.parquet' | DETAIL | EMPTY_OUT | { it.result.err.contains('HTTP 404') }
        'file redirect to file:' | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('fredirect'), '--output', it.path('out')] } | 1 | '1 file(s) failed' | DETAIL | EMPTY_OUT | { it.result.err.contains('redirect to a non-HTTP location refused: file:///etc/passwd') }
        'file with wrong bytes' | 'db snapshot-download' | { ['db', 'snapshot-download', '--url', it.url('fwrongbytes'), '--output', it.path('out')] } | 1 | '1 file(s) failed' | DETAIL | EMPTY_OUT | { it.result.err.contains('sha256 mismatch') }
        // ---- usage in general -----------------------------------------------------------------------------------
        'unknown command'      | 'db frobnicate'      | { ['db', 'frobnicate', '--db-uri', it.pgUri] }                                                   | 2 | 'frobnicate'                   | false | SAME | NONE
        'unknown option'       | 'db status'          | { ['db', 'status', '--db-uri', it.pgUri, '--colour'] }                                           | 2 | "Unknown option: '--colour'"   | false | SAME | NONE
        'missing argument'     | 'nlp search'         | { ['nlp', 'search', '--db-uri', it.lite] }                                                    | 2 | "Missing required parameter: '<text>'" | false | SAME | NONE
        'missing script'       | 'run'                | { ['run', '--db-uri', it.lite, 'nowhere.groovy'] }                                            | 2 | 'script not found'             | false | SAME | NONE
        'script not Groovy'    | 'run'                | { it.file('bad.groovy', 'status(\n'); ['run', '--db-uri', it.pgUri, 'bad.groovy'] }               | 2 | 'bad.groovy: does not compile: bad.groovy: 2: Unexpected input' | false | SAME | NONE
    }

    /** No predicate for the row beyond the common ones. */
    static final Closure NONE = { true }

    /** The only change allowed is an empty {@code out} directory (files never reached their final name). */
    static boolean emptyOrAbsent(Path out, Map before, Map after) {
        Map added = after.findAll { k, v -> !before.containsKey(k) }
        assert after.findAll { k, v -> before.containsKey(k) } == before
        assert added.keySet() - 'out' == [] as Set
        assert !Files.exists(out) || Files.list(out).withCloseable { it.count() } == 0
        true
    }
}
