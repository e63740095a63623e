package org.igem

import org.igem.config.DbTarget
import org.igem.config.DbUris
import org.igem.migrate.Revisions
import org.igem.support.Backend
import org.igem.support.CliRun
import org.igem.support.Processes
import org.igem.support.Project
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Sharing a database with the Python igem-server: one database and the same URIs as the Python igem-server. Real CLI, real
 * PostgreSQL (TCP and its Unix socket /var/run/postgresql), real SQLite.
 */
class PythonCompatSpec extends Specification {
    static final String HEAD = '846c774a8f66'
    static final String BASE = '7a8b9c0d1e2f'
    static final String SOCKET_DIR = '/var/run/postgresql'

    @Shared List<Backend> backends = Backend.both()
    @Shared Backend.PgBackend pg = new Backend.PgBackend()
    @TempDir Path tmp

    def cleanupSpec() {
        backends*.cleanup()
        pg.cleanup()
    }

    static CliRun.Result db(String cmd, String uri, String... more) {
        CliRun.run(['db', cmd, '--db-uri', uri] + (more as List))
    }

    static Map alembicTable(Backend b, String uri) {
        def sql = b.sql(uri)
        try {
            def rows = sql.rows('SELECT version_num FROM alembic_version')*.version_num
            def cols = b.postgres
                    ? sql.rows("""SELECT column_name AS name, data_type AS type, character_maximum_length AS len, is_nullable AS nullable
                                  FROM information_schema.columns WHERE table_name = 'alembic_version'""").collect { "$it.name $it.type($it.len) $it.nullable".toString() }
                    : sql.rows("SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info('alembic_version')").collect { "$it.name $it.type nn=$it.nn pk=$it.pk".toString() }
            [rows: rows, columns: cols]
        } finally { sql.close() }
    }

    // ------------------------------------------------------------------ alembic_version in step

    def "#backend: db create leaves alembic_version at head, in Alembic's own shape"() {
        given:
        String uri = backend.freshUri()

        when:
        def r = db('create', uri)
        def t = alembicTable(backend, uri)

        then:
        r.exit == 0
        t.rows == [HEAD]
        t.columns == (backend.postgres ? ['version_num character varying(32) NO'] : ['version_num VARCHAR(32) nn=1 pk=1'])

        where:
        backend << backends
    }

    def "#backend: create at the baseline records its Alembic id; upgrade V1 -> V2 moves alembic_version with it"() {
        given:
        String uri = backend.freshUri()

        when:
        def created = db('create', uri, '--target', 'V1')
        def atBase = alembicTable(backend, uri).rows
        def up = db('upgrade', uri)

        then:
        created.exit == 0
        atBase == [BASE]
        up.exit == 0
        alembicTable(backend, uri).rows == [HEAD]

        where:
        backend << backends
    }

    def "#backend: stamp-head of a database with the schema but no history writes alembic_version (creating the table)"() {
        given: 'the schema, no Flyway history, no alembic_version'
        String uri = backend.freshUri()
        assert db('create', uri).exit == 0
        backend.sql(uri).with {
            it.execute('DROP TABLE flyway_schema_history')
            it.execute('DROP TABLE alembic_version')
            it.close()
        }

        when:
        def stamp = db('stamp-head', uri)

        then:
        stamp.exit == 0
        alembicTable(backend, uri).rows == [HEAD]

        where:
        backend << backends
    }

    def "#backend: alembic_version is bookkeeping: not listed with the IGEM tables, not exported"() {
        given:
        String uri = backend.freshUri()
        assert db('create', uri).exit == 0
        Path out = tmp.resolve("snap-$backend")

        when:
        def exp = CliRun.run('db', 'export', '--db-uri', uri, '-o', out.toString())

        then:
        exp.exit == 0
        !Files.readString(out.resolve('manifest.json')).contains('alembic_version')
        !Igem.connect(uri).withCloseable { it.tables()*.name() }.contains('alembic_version')

        where:
        backend << backends
    }

    def "every migration script, on both back ends, declares its Alembic equivalent in Revisions"() {
        given:
        def folders = ['postgresql', 'sqlite'].collectEntries { b ->
            [b, Files.list(Project.file("lib/resources/db/migration/$b")).withCloseable { s -> s.collect { it.fileName.toString() }.sort() }]
        }

        expect: 'the same scripts on both back ends, each one a Revisions entry with a 12-hex Alembic id'
        verifyAll {
            folders.postgresql == folders.sqlite
            folders.postgresql.sort() == Revisions.ALL*.script().sort()
            Revisions.ALL*.alembicId().unique().size() == Revisions.ALL.size()
        }
        verifyEach(folders.postgresql) { it ==~ /V\d+__\w+\.sql/ }
        verifyEach(Revisions.ALL) { r ->
            r.alembicId() ==~ /[0-9a-f]{12}/
            r.script().startsWith("V${r.version()}__")
        }
    }

    // ------------------------------------------------------------------ SQLite URLs as SQLAlchemy reads them

    def "sqlite:///x.db is relative to the working directory, sqlite:////abs/x.db absolute"() {
        given:
        Path cwd = Files.createDirectories(tmp.resolve('work'))
        Path abs = tmp.resolve('abs.db')

        when:
        def rel = CliRun.run(cwd: cwd, 'db', 'create', '--db-uri', 'sqlite:///rel.db')
        def absolute = CliRun.run(cwd: cwd, 'db', 'create', '--db-uri', 'sqlite:///' + abs)

        then:
        verifyAll {
            rel.exit == 0
            Files.isRegularFile(cwd.resolve('rel.db'))
            absolute.exit == 0
            Files.isRegularFile(abs)
            !Files.exists(Path.of('/rel.db'))
        }
    }

    def "in-memory SQLite (#uri) is one line saying it is not supported"() {
        when:
        def r = CliRun.run('db', 'status', '--db-uri', uri)

        then:
        r.exit == 2
        r.errLines == ['error: in-memory databases are not supported; give a file path (sqlite:///relative.db or sqlite:////absolute/path.db)']

        where:
        uri << ['sqlite:///:memory:', 'sqlite://', 'sqlite::memory:']
    }

    // ------------------------------------------------------------------ libpq parameters

    def "libpq parameters in the query string reach the server"() {
        given:
        String uri = pg.emptyUri() + '?connect_timeout=5&application_name=igem-spec&sslmode=disable&keepalives=1' +
                '&keepalives_idle=41&keepalives_interval=11&keepalives_count=4&target_session_attrs=any' +
                '&options=-c%20statement_timeout%3D4321'

        when:
        def rows = Igem.connect(uri).withCloseable {
            it.query("SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS st, " +
                    "current_setting('tcp_keepalives_idle') AS idle, current_setting('tcp_keepalives_count') AS cnt").rows()[0]
        }
        def status = db('status', uri)

        then:
        rows == ['igem-spec', '4321ms', '41', '4']
        status.exit == 0
    }

    def "host, port, dbname and user in the query string (libpq keywords)"() {
        given:
        String name = pg.emptyUri().tokenize('/').last()

        when:
        def r = db('info', "postgresql:///?host=${Backend.PG_HOST}&port=${Backend.PG_PORT}&dbname=$name&user=${Backend.PG_USER}")

        then:
        r.exit == 0
        r.out =~ /Connected\s+: True/
        r.out =~ /Database\s+: $name/
    }

    def "several hosts as libpq takes them: the first refuses, the second answers"() {
        given:
        String name = pg.emptyUri().tokenize('/').last()

        when:
        def r = db('status', "postgresql://${Backend.PG_USER}@127.0.0.1:1,${Backend.PG_HOST}:${Backend.PG_PORT}/$name")

        then:
        r.exit == 0
        r.out.contains('→ empty database')
    }

    def "an unknown connection parameter is a usage error that lists the accepted ones"() {
        when:
        def r = db('status', pg.emptyUri() + '?conect_timeout=5')

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains("unknown PostgreSQL connection parameter 'conect_timeout'")
        verifyEach(['connect_timeout', 'application_name', 'sslmode', 'target_session_attrs', 'keepalives_idle']) { r.err.contains(it) }
    }

    def "a bad libpq value (#query) is a usage error"() {
        when:
        def r = db('status', pg.emptyUri() + query)

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains(expected)

        where:
        query                           | expected
        '?connect_timeout=soon'         | "invalid value 'soon' for connect_timeout"
        '?target_session_attrs=primus'  | "invalid value 'primus' for target_session_attrs"
        '?keepalives_idle=0'            | "invalid value '0' for keepalives_idle"
    }

    // ------------------------------------------------------------------ Unix-domain sockets

    def "create, status and info through the server's Unix socket (#form)"() {
        given:
        String name = pg.newName()
        String uri = form.replace('NAME', name)

        when:
        def created = db('create', uri)
        def status = db('status', uri, '--check')
        def info = db('info', uri)
        def clientAddr = Igem.connect(uri).withCloseable { it.query('SELECT inet_client_addr() AS a').rows()[0][0] }

        then:
        verifyAll {
            created.exit == 0
            status.exit == 0
            info.exit == 0
            info.out =~ /Host\s+: \/var\/run\/postgresql\/.s.PGSQL.5432 \(Unix socket\)/
            info.out =~ /Connected\s+: True/
            clientAddr == null   // the server saw a Unix-socket client, not TCP
        }

        where:
        form << ["postgresql:///NAME?host=$SOCKET_DIR&user=${Backend.PG_USER}",
                 "postgresql://${Backend.PG_USER}@%2Fvar%2Frun%2Fpostgresql/NAME",
                 "postgresql://${Backend.PG_USER}@/NAME"]   // no host: the default socket directory, as libpq
    }

    def "a socket directory without a server is one line naming the socket"() {
        given:
        Path dir = Files.createDirectories(tmp.resolve('nosock'))

        when:
        def r = db('status', "postgresql:///igem?host=$dir")

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains("no server listening on the Unix socket $dir/.s.PGSQL.5432")
    }

    // ------------------------------------------------------------------ passwords as people type them

    def "an unencoded '#ch' in a password is read as SQLAlchemy/libpq read it"() {
        when:
        DbTarget t = DbUris.parse(uri, tmp)

        then:
        verifyAll {
            t.password() == password
            t.host() == 'db.example'
            t.port() == 6543
            t.database() == 'igem'
            t.user() == 'alice'
        }

        where:
        ch  | uri                                                  | password
        '?' | 'postgresql://alice:Zq9Sek?x1@db.example:6543/igem'  | 'Zq9Sek?x1'
        '/' | 'postgresql://alice:Zq9/Sek@db.example:6543/igem'    | 'Zq9/Sek'
        '#' | 'postgresql://alice:Zq9#Sek@db.example:6543/igem'    | 'Zq9#Sek'
        '@' | 'postgresql://alice:Zq9@Sek@db.example:6543/igem'    | 'Zq9@Sek'
        '@/?' | 'postgresql://alice:Zq@9/S?ek@db.example:6543/igem' | 'Zq@9/S?ek'
    }

    def "no message ever shows a piece of an unencoded password (#uri)"() {
        when:
        def r = CliRun.run('db', 'status', '--db-uri', uri)

        then:
        r.exit in [1, 2]
        r.errLines.size() == 1
        !r.all.contains('Zq9Sek')
        !r.all.contains('Sek7')
        !r.all.contains('Exception')
        expected == null || r.err.contains(expected)

        where:
        uri                                                              | expected
        'postgresql://u:Zq9Sek?Sek7@127.0.0.1:1/igem'                    | 'connection refused'
        'postgresql://u:Zq9Sek/Sek7@127.0.0.1:1/igem'                    | 'connection refused'
        'postgresql://u:Zq9Sek#Sek7@127.0.0.1:1/igem'                    | 'connection refused'
        'postgresql://u:Zq9Sek@h/x@127.0.0.1:1/igem?application_name=a@b' | 'percent-encoded'
        'postgresql://u:Zq9Sek?Sek7@127.0.0.1:abc/igem'                  | 'percent-encoded'
    }

    def "a percent-encoded secret parameter name is masked where db status echoes the URI"() {
        when:
        def r = db('status', pg.emptyUri() + '?pass%77ord=Hunter2Secret&connect_timeout=5')

        then:
        r.exit == 0
        r.out.contains('pass%77ord=****')
        !r.all.contains('Hunter2Secret')
    }

    // ------------------------------------------------------------------ -o, unknown host

    def "-o is the short form of --output on db export and db snapshot-download"() {
        given:
        String uri = Backend.sqlite().freshUri()
        assert db('create', uri).exit == 0
        Path out = tmp.resolve('snap')

        when:
        def exp = CliRun.run('db', 'export', '--db-uri', uri, '-o', out.toString())
        def dl = CliRun.run('db', 'snapshot-download', '-o', tmp.resolve('dl').toString(), '--url', 'http://127.0.0.1:1/', '--retries', '0')

        then:
        exp.exit == 0
        Files.isRegularFile(out.resolve('manifest.json'))
        dl.exit == 1   // parsed: it tried the (closed) server, not a usage error
        !dl.err.contains('Missing required option')
    }

    def "an unknown host is named as such (no DNS: the JVM resolves from a hosts file)"() {
        given:
        Path hosts = tmp.resolve('hosts')
        Files.writeString(hosts, '127.0.0.1 localhost\n')
        def cmd = [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), "-Djdk.net.hosts.file=$hosts".toString(),
                   '-cp', System.getProperty('java.class.path'), 'org.igem.cli.IgemCli',
                   'db', 'status', '--db-uri', 'postgresql://postgres@db-nowhere.example/igem']

        when:
        def r = Processes.run(cmd, tmp)

        then:
        r.exit == 1
        r.err.readLines().findAll { it.trim() }.size() == 1
        r.err.contains('unknown host db-nowhere.example')
        !r.err.contains('The connection attempt failed')
    }
}
