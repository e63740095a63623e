package org.igem

import com.sun.net.httpserver.HttpServer
import groovy.json.JsonSlurper
import org.igem.query.DuckDbJar
import org.igem.support.Backend
import org.igem.support.CliRun
import org.igem.support.Project
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneOffset

/**
 * igem db query / IgemDb.query on every URI kind: snapshots through DuckDB (fetched on first use), PostgreSQL
 * and SQLite read-only for real, the output formats, the same values as the PostgreSQL database the snapshot
 * came from.
 */
class QuerySpec extends Specification {
    @Shared Backend pg = Backend.postgres()
    @Shared Backend lite = Backend.sqlite()
    @Shared @TempDir Path tmp
    @Shared String pgUri
    @Shared String liteUri
    @Shared Path snap

    /** The DuckDB jar Maven put into the local repository (test-scope dependency). */
    static Path localDuckDbJar() {
        String repo = System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository"
        Path.of(repo, 'org/duckdb/duckdb_jdbc', DuckDbJar.VERSION, "duckdb_jdbc-${DuckDbJar.VERSION}-linux_amd64.jar")
    }

    static final String PROBE = '''
        CREATE TABLE type_probe (id int8 PRIMARY KEY, i4 int4, i8 int8, d float8, b boolean, ts timestamp, tz timestamptz,
                                 t text, j jsonb, n int4);
        INSERT INTO type_probe VALUES
          (1, 2147483647, 9223372036854775807, 'NaN', true, '2026-11-25 12:34:56.123456', '2026-11-25 12:34:56.654321+02',
           'héllo, "world"', '{"a": [1, 2], "b": null}', NULL),
          (2, -2147483648, -9223372036854775808, 'Infinity', false, '1970-01-01 00:00:00', '1999-12-31 23:59:59.000001+00',
           '', '[]', NULL),
          (3, 0, 0, '-Infinity', NULL, NULL, NULL, NULL, NULL, NULL),
          (4, 7, 7, 0.1, true, '2000-02-29 00:00:00.5', '2000-02-29 00:00:00.5-05', 'line1
line2', '"s"', 5);
        INSERT INTO entities (id, type_id) VALUES (900001, 2), (900002, 3);
        INSERT INTO entity_aliases (id, entity_id, alias_value, alias_norm, is_primary) VALUES
          (1, 900001, 'IL6', 'il6', true), (2, 900001, 'IL 6', 'il 6', false),
          (3, 900002, 'IL-6 protein', 'il 6 protein', true), (4, 900002, 'IL-6', 'il 6', false);
        INSERT INTO entity_relationships (id, entity_1_id, relationship_type_id, entity_2_id, discovery_method)
          VALUES (1, 900001, 1, 900002, 'manual');
    '''

    def setupSpec() {
        pgUri = pg.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', pgUri).exit == 0
        pg.sql(pgUri).with { it.execute(PROBE); it.close() }
        snap = tmp.resolve('snap')
        def r = CliRun.run('db', 'export', '--db-uri', pgUri, '--output', snap.toString())
        assert r.exit == 0: r.toString()
        liteUri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', liteUri).exit == 0
    }

    def cleanupSpec() {
        pg.cleanup()
        lite.cleanup()
    }

    /** CLI env whose caches are fresh and whose local repository holds the jar (no network needed). */
    Map env(Map extra = [:]) {
        [XDG_CACHE_HOME: tmp.resolve('cache').toString()] + extra
    }

    CliRun.Result query(String uri, String... args) {
        CliRun.run([env: env()], ['db', 'query', '--db-uri', uri] + (args as List))
    }

    def "a join + group-by on a snapshot gives the rows the source PostgreSQL gives"() {
        given:
        String sql = '''SELECT t.name AS type, count(*) AS entities, count(a.id) AS aliases
                        FROM entities e JOIN entity_types t ON t.id = e.type_id LEFT JOIN entity_aliases a ON a.entity_id = e.id
                        GROUP BY t.name ORDER BY t.name'''

        when:
        def onSnap = Igem.connect(snap.toString()).withCloseable { it.query(sql) }
        def onPg = Igem.connect(pgUri).withCloseable { it.query(sql) }

        then:
        onSnap.columns() == ['type', 'entities', 'aliases']
        onSnap.rows() == onPg.rows()
        onSnap.rows() == [['Genes', 2L, 2L], ['Proteins', 2L, 2L]]
    }

    def "types round-trip: integers, doubles (NaN, ±Inf), booleans, µs timestamps, text, JSON text, NULLs"() {
        given:
        String sql = 'SELECT id, i4, i8, d, b, ts, tz, t, j, n FROM type_probe ORDER BY id'

        when:
        def s = Igem.connect(snap.toString()).withCloseable { it.query(sql) }
        def p = Igem.connect(pgUri).withCloseable { it.query(sql) }

        then: 'the same Java values, value by value'
        verifyAll {
            s.columns() == p.columns()
            s.rows().size() == 4
            (0..<4).each { r -> (0..<10).each { c -> assert [r, c, s.rows()[r][c]] == [r, c, p.rows()[r][c]] } }
        }

        and: 'and they are the values that went in'
        with(s.rows()) {
            it[0][1] == 2147483647 && it[0][1] instanceof Integer
            it[0][2] == Long.MAX_VALUE
            it[1][2] == Long.MIN_VALUE
            (it[0][3] as double).naN
            it[1][3] == Double.POSITIVE_INFINITY
            it[2][3] == Double.NEGATIVE_INFINITY
            it[3][3] == 0.1d
            it[0][4] == true && it[1][4] == false && it[2][4] == null
            it[0][5] == LocalDateTime.parse('2026-11-25T12:34:56.123456')
            it[0][6] == OffsetDateTime.parse('2026-11-25T10:34:56.654321Z')
            it[1][6] == OffsetDateTime.parse('1999-12-31T23:59:59.000001Z')
            it[0][7] == 'héllo, "world"'
            it[1][7] == ''
            it[3][7] == 'line1\nline2'
            new JsonSlurper().parseText(it[0][8] as String) == [a: [1, 2], b: null]
            it[2][5] == null && it[2][6] == null && it[2][7] == null && it[2][8] == null
            it*.get(9) == [null, null, null, 5]
        }
    }

    def "the exploration question: entities sharing an alias, with types and relationships"() {
        when:
        def r = query(snap.toString(), '''SELECT p.alias_value AS primary_name, t.name AS type, rt.code AS relationship,
                   p2.alias_value AS other
            FROM entity_aliases a JOIN entities e ON e.id = a.entity_id JOIN entity_types t ON t.id = e.type_id
            JOIN entity_aliases p ON p.entity_id = e.id AND p.is_primary
            LEFT JOIN entity_relationships r ON r.entity_1_id = e.id
            LEFT JOIN entity_relationship_types rt ON rt.id = r.relationship_type_id
            LEFT JOIN entity_aliases p2 ON p2.entity_id = r.entity_2_id AND p2.is_primary
            WHERE a.alias_norm = 'il 6' ORDER BY e.id''', '--format', 'csv')

        then:
        r.exit == 0
        r.out.readLines() == ['primary_name,type,relationship,other', 'IL6,Genes,is_a,IL-6 protein', 'IL-6 protein,Proteins,,']
    }

    def "read-only for real on a snapshot: #sql is refused by DuckDB"() {
        given:
        def before = listing(snap)
        Path victim = tmp.resolve('written-by-query.csv')

        when:
        def r = query(snap.toString(), sql.replace('VICTIM', victim.toString()))

        then:
        verifyAll {
            r.exit == 1
            r.errLines.size() == 1
            r.errLines[0].startsWith('error: query failed: ')
            r.errLines[0].contains(why)
            !r.err.contains('\tat ')
            !Files.exists(victim)
            listing(snap) == before
        }

        where:
        sql                                                     | why
        "COPY entities TO 'VICTIM'"                             | 'disabled by configuration'
        "COPY (SELECT 1) TO 'VICTIM' (FORMAT csv)"              | 'disabled by configuration'
        "SELECT * FROM read_csv('/etc/passwd')"                 | 'disabled by configuration'
        "SELECT * FROM read_text('/etc/hostname')"              | 'disabled by configuration'
        "SELECT * FROM glob('/etc/*')"                          | 'disabled by configuration'
        "SELECT * FROM read_parquet('/etc/*.parquet')"          | 'disabled by configuration'
        "ATTACH 'VICTIM' AS other"                              | 'disabled by configuration'
        "INSTALL httpfs"                                        | 'disabled by configuration'
        "LOAD httpfs"                                           | 'disabled'
        "SET enable_external_access = true"                     | 'locked'
        "RESET enable_external_access"                          | 'locked'
        "SET allowed_paths = ['/etc/passwd']"                   | 'locked'
        "SET lock_configuration = false"                        | 'locked'
        "CREATE TABLE x AS SELECT 1"                            | 'read-only'
        "DROP VIEW entities"                                    | 'read-only'
        "CREATE OR REPLACE VIEW entities AS SELECT 1"           | 'read-only'
        "EXPORT DATABASE 'VICTIM'"                              | 'disabled by configuration'
        "SELEC 1"                                               | 'syntax error'
    }

    def "read-only for real on #backend: #sql is refused and nothing changes"() {
        given:
        String uri = backend == 'postgresql' ? pgUri : liteUri
        Path victim = tmp.resolve("victim-${backend}.csv")
        long entitiesBefore = count(backend, uri, 'entities')

        when:
        def r = query(uri, sql.replace('VICTIM', victim.toString()))

        then:
        verifyAll {
            r.exit == 1
            r.errLines.size() == 1
            r.errLines[0].startsWith('error: query failed: ')
            r.errLines[0].contains(why)
            !Files.exists(victim)
            count(backend, uri, 'entities') == entitiesBefore
            !tableExists(backend, uri, 'x')
        }

        where:
        backend      | sql                                                         | why
        'postgresql' | 'CREATE TABLE x (a int)'                                    | 'read-only transaction'
        'postgresql' | 'DELETE FROM entities RETURNING id'                         | 'read-only transaction'
        'postgresql' | 'WITH d AS (DELETE FROM entities RETURNING id) SELECT * FROM d' | 'read-only transaction'
        'postgresql' | 'SELECT 1; DROP TABLE entities'                             | 'one statement at a time'
        'postgresql' | 'SET TRANSACTION READ WRITE'                                | 'must be set before any query'
        'postgresql' | "COPY entities TO 'VICTIM'"                                 | 'COPY is not a query'
        'postgresql' | "/* x */ copy (SELECT 1) TO 'VICTIM'"                       | 'COPY is not a query'
        'postgresql' | "SELECT nextval('entities_id_seq')"                         | 'read-only transaction'
        'postgresql' | 'CREATE TEMP TABLE x AS SELECT 1'                           | 'read-only transaction'
        'postgresql' | 'SELEC 1'                                                   | 'syntax error'
        'sqlite'     | 'CREATE TABLE x (a int)'                                    | 'readonly'
        'sqlite'     | 'DELETE FROM entities RETURNING id'                         | 'readonly'
        'sqlite'     | "ATTACH 'VICTIM' AS other"                                  | 'too many attached databases'
        'sqlite'     | "VACUUM INTO 'VICTIM'"                                      | 'too many attached databases'
        'sqlite'     | "SELECT load_extension('/tmp/nothing.so')"                  | 'not authorized'
        'sqlite'     | 'SELEC 1'                                                   | 'syntax error'
    }

    def "PostgreSQL: a statement that sets the session read-write only runs inside the rolled-back transaction"() {
        when: 'a SET in the read-only transaction, then a write on another query'
        def set = query(pgUri, 'SELECT set_config(\'default_transaction_read_only\', \'off\', false)')
        def write = query(pgUri, 'CREATE TABLE x (a int)')

        then:
        set.exit == 0
        write.exit == 1
        write.err.contains('read-only transaction')
        !tableExists('postgresql', pgUri, 'x')
    }

    def "SQLite: PRAGMA query_only = OFF does not make the next statement writable"() {
        when:
        query(liteUri, 'PRAGMA query_only = OFF')
        def w = query(liteUri, 'CREATE TABLE x (a int)')

        then:
        w.exit == 1
        w.err.contains('readonly')
        !tableExists('sqlite', liteUri, 'x')
    }

    def "db query works on #kind with each format"() {
        given:
        String uri = kind == 'snapshot' ? snap.toString() : kind == 'postgresql' ? pgUri : liteUri
        String sql = 'SELECT id, code FROM entity_relationship_types WHERE id IN (1, 10) ORDER BY id'

        when:
        def table = query(uri, sql)
        def csv = query(uri, sql, '--format', 'csv')
        def json = query(uri, sql, '--format', 'json')

        then:
        verifyAll {
            table.exit == 0
            table.out.readLines() == ['id | code', '---+-----', '1  | is_a', '10 | GxE', '(2 rows)']
            csv.out == 'id,code\r\n1,is_a\r\n10,GxE\r\n'
            new JsonSlurper().parseText(json.out) == [[id: 1, code: 'is_a'], [id: 10, code: 'GxE']]
            table.err == '' && csv.err == '' && json.err == ''
        }

        where:
        kind << ['snapshot', 'postgresql', 'sqlite']
    }

    def "a table stops at a screenful with a hint; --max-rows and files are unlimited"() {
        when:
        def dflt = query(snap.toString(), 'SELECT id FROM etl_data_sources ORDER BY id')
        def three = query(snap.toString(), 'SELECT id FROM etl_data_sources ORDER BY id', '--max-rows', '3')
        Path out = tmp.resolve('all.csv')
        def file = query(snap.toString(), 'SELECT id FROM etl_data_sources ORDER BY id', '--format', 'csv', '--output', out.toString())

        then:
        verifyAll {
            dflt.out.readLines().size() == 2 + 50 + 2
            dflt.out.readLines()[-2] == '(52 rows)'
            dflt.out.readLines()[-1].startsWith('… 2 more rows not shown')
            three.out.readLines()[-1].startsWith('… 49 more rows not shown')
            file.exit == 0
            file.out == ''
            file.err.trim() == "52 rows written to $out"
            Files.readAllLines(out).size() == 53
            Files.list(tmp).noneMatch { it.fileName.toString().endsWith('.part') }
        }
    }

    def "a query that fails halfway leaves no output file"() {
        given:
        Path out = tmp.resolve('half.csv')

        when: 'the error comes from the engine while rows stream'
        def r = query(snap.toString(), "SELECT CASE WHEN id < 40 THEN id ELSE error('boom') END FROM etl_data_sources",
                '--format', 'csv', '--output', out.toString())

        then:
        r.exit == 1
        r.errLines == [r.errLines[0]]
        r.err.contains('boom')
        !Files.exists(out)
        Files.list(tmp).noneMatch { it.fileName.toString().contains('half.csv') }
    }

    def "--format parquet writes a typed file (read back: the query's values) from #kind; not to stdout"() {
        given:
        String uri = kind == 'snapshot' ? snap.toString() : pgUri
        Path out = tmp.resolve("probe-${kind}.parquet")
        String sql = 'SELECT id, i4, i8, d, b, ts, tz, t, j, n FROM type_probe ORDER BY id'

        when:
        def r = query(uri, sql, '--format', 'parquet', '--output', out.toString())
        def expected = Igem.connect(uri).withCloseable { it.query(sql) }.rows()
        def back = org.igem.parquet.ParquetTableReader.open(out).withCloseable { reader ->
            [reader.schema().fields*.toString(), reader.readAll()]
        }
        def stdout = query(uri, 'SELECT 1', '--format', 'parquet')

        then:
        r.exit == 0
        back[0] == ['optional int64 id', 'optional int32 i4', 'optional int64 i8', 'optional double d', 'optional boolean b',
                    'optional int64 ts (TIMESTAMP(MICROS,false))', 'optional int64 tz (TIMESTAMP(MICROS,true))',
                    'optional binary t (STRING)', 'optional binary j (STRING)', 'optional int32 n']
        back[1].size() == 4
        back[1]*.getAt(1) == expected*.getAt(1)
        back[1]*.getAt(2) == expected*.getAt(2)
        back[1][0][3].naN && back[1][1][3] == Double.POSITIVE_INFINITY
        back[1]*.getAt(5) == expected*.getAt(5)
        back[1]*.getAt(6) == expected*.getAt(6)*.toLocalDateTime()
        back[1]*.getAt(7) == expected*.getAt(7)
        back[1]*.getAt(9) == [null, null, null, 5]
        stdout.exit == 2
        stdout.err.contains('--output')

        where:
        kind << ['snapshot', 'postgresql']
    }

    def "-f reads the query from a file; usage errors exit 2"() {
        given:
        Path f = tmp.resolve('q.sql')
        Files.writeString(f, '-- count\nSELECT count(*) AS n FROM entity_types\n')

        when:
        def ok = CliRun.run([env: env(), cwd: tmp], 'db', 'query', '--db-uri', snap.toString(), '-f', 'q.sql', '--format', 'csv')
        def none = query(snap.toString())
        def both = query(snap.toString(), 'SELECT 1', '-f', f.toString())
        def missing = query(snap.toString(), '-f', tmp.resolve('nope.sql').toString())
        def fmt = query(snap.toString(), 'SELECT 1', '--format', 'xml')

        then:
        verifyAll {
            ok.exit == 0
            ok.out == 'n\r\n14\r\n'
            [none, both, missing, fmt]*.exit == [2, 2, 2, 2]
            [none, both, missing, fmt]*.errLines*.size() == [1, 1, 1, 1]
            fmt.err.contains("unknown --format 'xml'")
        }
    }

    def "a tampered table file is refused (its SHA-256 is checked once, then remembered by size and time)"() {
        given:
        Path copy = tmp.resolve('tampered')
        copy.toFile().mkdirs()
        Files.list(snap).each { Files.copy(it, copy.resolve(it.fileName)) }
        assert query(copy.toString(), 'SELECT count(*) FROM entity_types').exit == 0

        when: 'same size, other bytes, other time'
        Path f = copy.resolve('entity_types.parquet')
        byte[] b = Files.readAllBytes(f)
        b[8] = (byte) (b[8] ^ 0xff)
        Files.write(f, b)
        f.toFile().setLastModified(System.currentTimeMillis() - 60_000)
        def r = query(copy.toString(), 'SELECT count(*) FROM entities')

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains('entity_types')
        r.err.contains('does not match its manifest SHA-256')
    }

    def "DuckDB is fetched once from a Maven repository into the cache, then reused"() {
        given: 'a loopback Maven repository serving the jar; no local repository; a fresh cache'
        Path repo = tmp.resolve('repo-ok')
        Path dir = repo.resolve("org/duckdb/duckdb_jdbc/${DuckDbJar.VERSION}")
        dir.toFile().mkdirs()
        Files.copy(localDuckDbJar(), dir.resolve(localDuckDbJar().fileName))
        def server = serve(repo)
        Path cache = tmp.resolve('cache-fetch')
        Map e = [XDG_CACHE_HOME: cache.toString(), IGEM_MAVEN_LOCAL: tmp.resolve('no-local-repo').toString(),
                 IGEM_MAVEN_REPO: "http://127.0.0.1:${server.address.port}/".toString()]

        when:
        def info = CliRun.run([env: e], 'db', 'info', '--db-uri', snap.toString())
        def first = CliRun.run([env: e], 'db', 'query', '--db-uri', snap.toString(), 'SELECT count(*) AS n FROM entity_types', '--format', 'csv')
        def second = CliRun.run([env: e], 'db', 'query', '--db-uri', snap.toString(), 'SELECT 2 AS n', '--format', 'csv')
        def infoAfter = CliRun.run([env: e], 'db', 'info', '--db-uri', snap.toString())

        then:
        verifyAll {
            info.out.readLines().find { it.startsWith('SQL') }.contains('not found yet')
            first.exit == 0
            first.out == 'n\r\n14\r\n'
            first.errLines.size() == 1
            first.errLines[0].startsWith("fetching DuckDB ${DuckDbJar.VERSION} (~19 MB) once")
            Files.size(cache.resolve("igem/lib/duckdb_jdbc-${DuckDbJar.VERSION}-linux_amd64.jar")) == Files.size(localDuckDbJar())
            Files.list(cache.resolve('igem/lib')).count() == 1
            second.exit == 0
            second.err == ''
            infoAfter.out.readLines().find { it.startsWith('SQL') }.contains('cache')
        }

        cleanup:
        server?.stop(0)
    }

    def "DuckDB cannot be had (#why): one line saying how to provide it, exit 1, nothing cached"() {
        given:
        Path repo = tmp.resolve("repo-$why")
        repo.toFile().mkdirs()
        if (why == 'wrong bytes') {
            Path dir = repo.resolve("org/duckdb/duckdb_jdbc/${DuckDbJar.VERSION}")
            dir.toFile().mkdirs()
            Files.writeString(dir.resolve(localDuckDbJar().fileName), 'not a jar')
        }
        def server = serve(repo)
        int port = why == 'unreachable' ? freePort() : server.address.port
        Path cache = tmp.resolve("cache-$why")
        Map e = [XDG_CACHE_HOME: cache.toString(), IGEM_MAVEN_LOCAL: tmp.resolve('no-local-repo').toString(),
                 IGEM_MAVEN_REPO: "http://127.0.0.1:$port".toString()]

        when:
        def r = CliRun.run([env: e], 'db', 'query', '--db-uri', snap.toString(), 'SELECT 1')

        then:
        verifyAll {
            r.exit == 1
            r.errLines.size() == 2   // the "fetching" notice, then the error
            r.errLines[1].startsWith('error: ')
            r.errLines[1].contains(says)
            r.errLines[1].contains('IGEM_DUCKDB_JAR')
            !r.err.contains('\tat ')
            !Files.exists(cache.resolve("igem/lib/duckdb_jdbc-${DuckDbJar.VERSION}-linux_amd64.jar"))
            !Files.exists(cache.resolve('igem/lib')) || Files.list(cache.resolve('igem/lib')).count() == 0
        }

        cleanup:
        server?.stop(0)

        where:
        why           | says
        'absent'      | 'HTTP 404'
        'unreachable' | 'cannot fetch'
        'wrong bytes' | 'SHA-256'
    }

    def "IGEM_DUCKDB_JAR names the jar to use; a missing one is one line"() {
        when:
        def ok = CliRun.run([env: [XDG_CACHE_HOME: tmp.resolve('c2').toString(), IGEM_DUCKDB_JAR: localDuckDbJar().toString()]],
                'db', 'query', '--db-uri', snap.toString(), 'SELECT 3 AS n', '--format', 'csv')
        def bad = CliRun.run([env: [IGEM_DUCKDB_JAR: tmp.resolve('none.jar').toString()]], 'db', 'query', '--db-uri', snap.toString(), 'SELECT 1')

        then:
        ok.exit == 0
        ok.out == 'n\r\n3\r\n'
        bad.exit == 1
        bad.errLines.size() == 1
        bad.err.contains('IGEM_DUCKDB_JAR')
    }

    def "the README's DuckDB example runs as shown on an exported snapshot"() {
        given: 'the SQL block under "DuckDB" in the README, pointed at this snapshot'
        String readme = Files.readString(Project.file('README.md'))
        def m = readme =~ /(?s)<!-- duckdb-example -->\s*```sql\n(.*?)```/
        assert m.find(): 'README has no duckdb-example block'
        String sql = m.group(1).replace('/data/igem/snapshot', snap.toString())

        when: 'run with the plain DuckDB JDBC driver (no igem code involved)'
        def driver = new DuckDbJar([IGEM_DUCKDB_JAR: localDuckDbJar().toString()]).driver({ })
        def rows = []
        driver.connect('jdbc:duckdb:', new Properties()).withCloseable { c ->
            sql.split(';').findAll { it.trim() }.each { stmt ->
                c.createStatement().withCloseable { st ->
                    if (st.execute(stmt)) {
                        def rs = st.resultSet
                        while (rs.next()) rows << (1..rs.metaData.columnCount).collect { rs.getObject(it) }
                    }
                }
            }
        }

        then:
        rows.contains(['IL6', 'Genes'])
    }

    // ------------------------------------------------------------------ helpers

    static List<String> listing(Path dir) {
        Files.walk(dir).withCloseable { s -> s.map { "$it:${Files.isRegularFile(it) ? Files.size(it) : 'd'}".toString() }.sorted().toList() }
    }

    long count(String backend, String uri, String table) {
        def s = (backend == 'postgresql' ? pg : lite).sql(uri)
        try { s.firstRow("SELECT count(*) AS n FROM $table".toString()).n as long } finally { s.close() }
    }

    boolean tableExists(String backend, String uri, String table) {
        def s = (backend == 'postgresql' ? pg : lite).sql(uri)
        try {
            backend == 'postgresql'
                    ? s.firstRow("SELECT count(*) AS n FROM pg_tables WHERE tablename = ?", [table]).n > 0
                    : s.firstRow("SELECT count(*) AS n FROM sqlite_master WHERE name = ?", [table]).n > 0
        } finally { s.close() }
    }

    static HttpServer serve(Path root) {
        def server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
        server.createContext('/') { ex ->
            Path f = root.resolve(ex.requestURI.path.substring(1)).normalize()
            if (f.startsWith(root) && Files.isRegularFile(f)) {
                ex.sendResponseHeaders(200, Files.size(f))
                ex.responseBody.withCloseable { Files.copy(f, it) }
            } else {
                ex.sendResponseHeaders(404, -1)
                ex.close()
            }
        }
        server.start()
        server
    }

    static int freePort() {
        new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    }
}
