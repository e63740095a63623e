package org.igem


import org.igem.core.IgemException;

import org.igem.config.DbTarget
import org.igem.config.DbUris
import org.igem.config.Secrets
import org.igem.config.UriResolver
import org.igem.support.CliRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** The README's "Where the database URI comes from" and the accepted URI forms. */
class UriResolutionSpec extends Specification {
    @TempDir Path tmp

    def "URI forms map to the right kind, host, database and path"() {
        given:
        Path base = tmp.resolve('base')
        Files.createDirectories(base)

        when:
        DbTarget t = DbUris.parse(uri, base)

        then:
        t.kind() == kind
        t.host() == host
        t.port() == port
        t.database() == database
        t.user() == user
        t.password() == password
        (path == null ? t.path() == null : t.path() == (path.startsWith('/') ? Path.of(path) : base.resolve(path)))

        where:
        uri                                                     || kind                    | host        | port | database | user  | password | path
        'postgresql://dev:dev@localhost/igem'                   || DbTarget.Kind.POSTGRESQL | 'localhost' | 5432 | 'igem'   | 'dev' | 'dev'    | null
        'postgresql://u:p%40ss@db.example:6543/x'               || DbTarget.Kind.POSTGRESQL | 'db.example' | 6543 | 'x'     | 'u'   | 'p@ss'   | null
        'postgres://u@10.0.0.1/x'                               || DbTarget.Kind.POSTGRESQL | '10.0.0.1'  | 5432 | 'x'      | 'u'   | null     | null
        'postgresql+psycopg2://u:pw@h:1/x'                      || DbTarget.Kind.POSTGRESQL | 'h'         | 1    | 'x'      | 'u'   | 'pw'     | null
        'jdbc:postgresql://h:5433/igem?user=a&password=b'       || DbTarget.Kind.POSTGRESQL | 'h'         | 5433 | 'igem'   | 'a'   | 'b'      | null
        'sqlite:///rel/igem.db'                                 || DbTarget.Kind.SQLITE     | null        | 0    | null     | null  | null     | 'rel/igem.db'
        'sqlite:///igem.db?mode=ro'                             || DbTarget.Kind.SQLITE     | null        | 0    | null     | null  | null     | 'igem.db'
        'sqlite+pysqlite:///rel.db'                             || DbTarget.Kind.SQLITE     | null        | 0    | null     | null  | null     | 'rel.db'
        'sqlite:/abs/igem.db'                                   || DbTarget.Kind.SQLITE     | null        | 0    | null     | null  | null     | '/abs/igem.db'
        'sqlite:////abs/igem.db'                                || DbTarget.Kind.SQLITE     | null        | 0    | null     | null  | null     | '/abs/igem.db'
        'sqlite:rel/igem.db'                                    || DbTarget.Kind.SQLITE     | null        | 0    | null     | null  | null     | 'rel/igem.db'
        'jdbc:sqlite:rel.db'                                    || DbTarget.Kind.SQLITE     | null        | 0    | null     | null  | null     | 'rel.db'
        'parquet:///snap/2026-01-01/'                           || DbTarget.Kind.SNAPSHOT   | null        | 0    | null     | null  | null     | '/snap/2026-01-01'
        'data/igem.db'                                          || DbTarget.Kind.SQLITE     | null        | 0    | null     | null  | null     | 'data/igem.db'
    }

    def "a bare directory with manifest.json is a snapshot; a bare directory without one is an error"() {
        given:
        Path snap = Files.createDirectories(tmp.resolve('snap'))
        Files.writeString(snap.resolve('manifest.json'), '{"tables": {}}')
        Path plain = Files.createDirectories(tmp.resolve('plain'))

        expect:
        DbUris.parse(snap.toString(), tmp).kind() == DbTarget.Kind.SNAPSHOT
        DbUris.parse('snap', tmp).path() == snap

        when:
        DbUris.parse(plain.toString(), tmp)

        then:
        def e = thrown(IgemException)
        e.exitCode() == 2
        e.message.contains('without manifest.json')
    }

    def "malformed and unknown URIs are usage errors with one clear line and no password"() {
        when:
        def r = CliRun.run('db', 'status', '--db-uri', uri)

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains(expected)
        !r.all.contains('hunter2')
        !r.err.contains('Exception')

        where:
        uri                                       | expected
        'mysql://root:hunter2@localhost/igem'     | "unknown URI scheme 'mysql'"
        'postgresql://u:hunter2@host:abc/igem'    | "port 'abc' is not a number"
        'postgresql://u:hunter2@host:5432/'       | 'no database name'
        'postgresql:u:hunter2@host/igem'          | "expected '//'"
        'jdbc:mysql://h/x?password=hunter2'       | 'unsupported JDBC URL'
        'sqlite:'                                 | 'no file path'
    }

    def "precedence: --db-uri, then DATABASE_URL, then IGEM_DB_URI, then .igem.toml"() {
        given:
        Path cwd = Files.createDirectories(tmp.resolve('work'))
        Files.writeString(cwd.resolve('.igem.toml'), '[database]\nuri = "sqlite:from-toml.db"\n')
        def resolver = { Map env -> new UriResolver(env, cwd, tmp.resolve('nohome')) }

        expect:
        resolver([DATABASE_URL: 'sqlite:/env/db.db', IGEM_DB_URI: 'sqlite:/igem/db.db']).resolve('sqlite:/cli.db').target().path() == Path.of('/cli.db')
        resolver([DATABASE_URL: 'sqlite:/env/db.db', IGEM_DB_URI: 'sqlite:/igem/db.db']).resolve(null).target().path() == Path.of('/env/db.db')
        resolver([IGEM_DB_URI: 'sqlite:/igem/db.db']).resolve(null).target().path() == Path.of('/igem/db.db')
        resolver([:]).resolve(null).target().path() == cwd.resolve('from-toml.db')
        resolver([:]).resolve(null).source().endsWith('.igem.toml')
    }

    def "the nearest .igem.toml wins key by key over ~/.igem.toml; relative paths are relative to the file"() {
        given:
        Path home = Files.createDirectories(tmp.resolve('home'))
        Path project = Files.createDirectories(tmp.resolve('project'))
        Path deep = Files.createDirectories(project.resolve('a/b/c'))
        Files.writeString(home.resolve('.igem.toml'), '[database]\nuri = "sqlite:home.db"\n[other]\nx = 1\n')

        expect: 'only the home file: its uri, relative to home'
        new UriResolver([:], deep, home).resolve(null).target().path() == home.resolve('home.db')

        when: 'a project file closer to the working directory'
        Files.writeString(project.resolve('.igem.toml'), '[database]\nuri = "sqlite:data/project.db"\n')

        then: 'it wins, and its relative path is taken from the project directory, not the cwd'
        new UriResolver([:], deep, home).resolve(null).target().path() == project.resolve('data/project.db')

        when: 'the project file has no database.uri: the home value still applies'
        Files.writeString(project.resolve('.igem.toml'), '[database]\npool = 3\n')

        then:
        new UriResolver([:], deep, home).resolve(null).target().path() == home.resolve('home.db')
    }

    def "no URI anywhere is a usage error listing the four sources"() {
        when:
        def r = CliRun.run('db', 'status')

        then:
        r.exit == 2
        r.errLines.size() == 1
        verifyEach(['--db-uri', 'DATABASE_URL', 'IGEM_DB_URI', '.igem.toml']) { r.err.contains(it) }
    }

    def "the top-level --db-uri works and the subcommand's wins over it"() {
        given:
        Path a = tmp.resolve('a.db')
        Path b = tmp.resolve('b.db')

        when:
        def top = CliRun.run('--db-uri', "sqlite:$a".toString(), 'db', 'info')
        def both = CliRun.run('--db-uri', "sqlite:$a".toString(), 'db', 'info', '--db-uri', "sqlite:$b".toString())

        then:
        top.out.contains("sqlite:$a")
        both.out.contains("sqlite:$b")
        !both.out.contains("sqlite:$a")
    }

    def "an invalid .igem.toml is one line naming the file and the line"() {
        given:
        Path cwd = Files.createDirectories(tmp.resolve('bad'))
        Files.writeString(cwd.resolve('.igem.toml'), '[database]\nuri = "sqlite:x.db"\nthis is = not = toml\n')

        when:
        def r = CliRun.run([cwd: cwd], 'db', 'status')

        then:
        r.exit != 0
        r.errLines.size() == 1
        r.err.contains(cwd.resolve('.igem.toml').toString())
        r.err.contains('line 3')
    }

    def "passwords are masked in every printed URI"() {
        expect:
        Secrets.maskUri(uri) == masked

        where:
        uri                                                  | masked
        'postgresql://u:secret@h:5432/db'                    | 'postgresql://u:****@h:5432/db'
        'postgresql://u:p@ss@h/db'                           | 'postgresql://u:****@h/db'
        'jdbc:postgresql://h/db?user=u&password=secret&x=1'  | 'jdbc:postgresql://h/db?user=u&password=****&x=1'
        'postgresql://u@h/db'                                | 'postgresql://u@h/db'
        'postgresql:///u:secret@h/db'                        | 'postgresql:///u:****@h/db'
        'sqlite:/x.db'                                       | 'sqlite:/x.db'
    }

    def "a short password does not garble messages, a long one is scrubbed from free text"() {
        expect:
        Secrets.scrub('Connection attempt timed out at postgresql://u:****@h/x', 'p') == 'Connection attempt timed out at postgresql://u:****@h/x'
        Secrets.scrub('FATAL: bad value hunter22 in options', 'hunter22') == 'FATAL: bad value **** in options'
        Secrets.scrub('x p%40ssword y', 'p@ssword') == 'x **** y'
    }

    def "PostgreSQL tuning variables are validated"() {
        when:
        def r = CliRun.run([env: [IGEM_DB_CONNECT_TIMEOUT: 'soon']], 'db', 'status', '--db-uri', 'postgresql://u@127.0.0.1/x')

        then:
        r.exit == 2
        r.errLines == ['error: IGEM_DB_CONNECT_TIMEOUT=soon is invalid: expected a whole number']
    }
}
