package org.igem

import org.igem.support.Backend
import org.igem.support.CliRun
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Timeout

/** User errors: one clear line on stderr, non-zero exit, no stack trace (unless --debug), never a password. */
class ErrorsSpec extends Specification {
    static final String SECRET = 'hunter2-Sekret'
    static final List<String> COMMANDS = ['status', 'upgrade', 'stamp-head', 'migrate-dry-run', 'create']

    @Shared Backend.PgBackend pg = new Backend.PgBackend()
    /** A TCP port that accepts connections and never answers: what a hung or firewalled server looks like. */
    @Shared @AutoCleanup ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    /** A port nothing listens on. */
    @Shared int closedPort = { def s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); int p = s.localPort; s.close(); p }()

    def cleanupSpec() {
        pg.cleanup()
    }

    static void assertOneCleanLine(CliRun.Result r) {
        assert r.exit != 0
        assert r.errLines.size() == 1
        assert r.errLines[0].startsWith('error: ')
        assert !r.err.contains('\tat ')
        assert !r.err.contains('Exception')
        assert !r.all.contains(SECRET)
    }

    def "a refused port is one line for every command"() {
        when:
        def r = CliRun.run('db', cmd, '--db-uri', "postgresql://postgres:$SECRET@127.0.0.1:$closedPort/igem".toString())

        then:
        assertOneCleanLine(r)
        r.exit == 1
        r.err.contains('cannot connect')
        r.err.contains('refused')
        r.err.contains('postgresql://postgres:****@127.0.0.1')

        where:
        cmd << COMMANDS + ['info']
    }

    // The black hole accepts and never answers: without the 1 s setting the command would wait for ever,
    // so the guard fails the feature instead of a clock comparison (speed belongs in scripts/bench-*).
    @Timeout(value = 120)
    def "a server that never answers times out after IGEM_DB_CONNECT_TIMEOUT"() {
        when:
        def r = CliRun.run([env: [IGEM_DB_CONNECT_TIMEOUT: '1']], 'db', 'status', '--db-uri',
                "postgresql://postgres:$SECRET@127.0.0.1:${blackHole.localPort}/igem".toString())

        then:
        assertOneCleanLine(r)
        r.err.contains('cannot connect')
        r.err.contains('timed out')
    }

    def "a wrong password is reported as an authentication failure without echoing it"() {
        when:
        def r = CliRun.run('db', cmd, '--db-uri', "postgresql://${Backend.PW_ROLE}:$SECRET@127.0.0.1:5432/postgres".toString())

        then:
        assertOneCleanLine(r)
        r.err.contains("authentication failed for user '${Backend.PW_ROLE}'")

        where:
        cmd << ['status', 'create', 'info']
    }

    def "a missing PostgreSQL database points to db create"() {
        when:
        def r = CliRun.run('db', 'upgrade', '--db-uri', "postgresql://postgres:$SECRET@127.0.0.1:5432/igem_no_such_db_x".toString())

        then:
        assertOneCleanLine(r)
        r.err.contains("database 'igem_no_such_db_x' does not exist")
        r.err.contains('db create')
    }

    def "--debug adds the stack trace (#cmd)"() {
        when:
        def r = CliRun.run('db', cmd, '--debug', '--db-uri', "postgresql://postgres:$SECRET@127.0.0.1:$closedPort/igem".toString())
        def plain = CliRun.run('db', cmd, '--db-uri', "postgresql://postgres:$SECRET@127.0.0.1:$closedPort/igem".toString())

        then:
        r.exit == 1
        r.err.readLines().findAll { it.startsWith('error: ') }.size() == 1
        r.err.readLines().find { it.startsWith('error: ') }.startsWith('error: cannot connect')
        r.err.contains('\tat ')
        r.err.contains('Connection refused') || r.err.contains('ConnectException')
        !r.all.contains(SECRET)
        plain.exit == 1
        !plain.err.contains('\tat ')

        where:
        cmd << ['status', 'info']
    }

    def "bad options and unknown commands are usage errors (exit 2, one line)"() {
        when:
        def r = CliRun.run(args as String[])

        then:
        r.exit == 2
        r.errLines.size() == 1
        r.err.contains(expected)

        where:
        args                                          | expected
        ['db', 'status', '--bogus']                   | "Unknown option: '--bogus'"
        ['db', 'frobnicate']                          | 'frobnicate'
        ['db']                                        | 'missing db command'
        []                                            | 'missing command'
        ['db', 'status', '--db-uri']                  | "Missing required parameter for option '--db-uri'"
        ['db', 'create', '--db-uri', 'sqlite:/nonexistent-dir-igem/x.db', '--target', 'nope'] | "unknown revision 'nope'"
    }

    def "creating a SQLite file in a missing directory is one line and writes nothing"() {
        when:
        def r = CliRun.run('db', 'create', '--db-uri', 'sqlite:/nonexistent-dir-igem/x.db')

        then:
        assertOneCleanLine(r)
        r.err.contains('directory /nonexistent-dir-igem does not exist')
        !new File('/nonexistent-dir-igem').exists()
    }

    def "a full run with a real password never prints it (masked as ****)"() {
        given: 'a role whose password PostgreSQL checks (scripts/pg-test-setup)'
        String name = pg.newName()
        String uri = "postgresql://${Backend.PW_ROLE}:${Backend.PW_SECRET}@127.0.0.1:5432/$name"

        when:
        List<CliRun.Result> runs = [['create'], ['status'], ['status', '--json'], ['info'], ['upgrade'], ['migrate-dry-run'],
                                    ['stamp-head'], ['create']].collect { CliRun.run(['db'] + it + ['--db-uri', uri]) }

        then:
        runs[0].exit == 0
        runs[1].out.contains("postgresql://${Backend.PW_ROLE}:****@127.0.0.1:5432/$name")
        runs[3].out.contains(':****@')
        runs.last().exit == 1 // already exists
        verifyEach(runs) { !it.all.contains(Backend.PW_SECRET) }
    }
}
