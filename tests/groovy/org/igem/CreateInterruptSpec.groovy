package org.igem

import org.igem.support.Backend
import org.igem.support.CliRun
import org.igem.support.Processes
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Nothing half-done looks done. Real signals (SIGINT, SIGTERM, kill -9) delivered to a
 * real `igem db create` process while it seeds (IGEM_TEST_PAUSE_SEED_MS, a test-only hook, holds each seed
 * file long enough to hit the window), on PostgreSQL and SQLite; then what status, create and stamp-head do.
 */
class CreateInterruptSpec extends Specification {
    static final String HEAD = '846c774a8f66'

    @Shared List<Backend> backends = Backend.both()
    @TempDir Path tmp

    def cleanupSpec() {
        backends*.cleanup()
    }

    static CliRun.Result db(String cmd, String uri, String... more) {
        CliRun.run(['db', cmd, '--db-uri', uri] + (more as List))
    }

    /** `igem db create` as its own JVM, stdout into a file, paused before every seed file. */
    Map startCreate(String uri) {
        Path out = Files.createTempFile(tmp, 'create', '.out')
        Path err = Files.createTempFile(tmp, 'create', '.err')
        def pb = new ProcessBuilder([Path.of(System.getProperty('java.home'), 'bin', 'java').toString(),
                                     '-cp', System.getProperty('java.class.path'), 'org.igem.cli.IgemCli',
                                     'db', 'create', '--db-uri', uri])
                .directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
        pb.environment().remove('DATABASE_URL')
        pb.environment().remove('IGEM_DB_URI')
        pb.environment().put('IGEM_TEST_PAUSE_SEED_MS', '400')
        Process p = pb.start()
        // in the middle of seeding: the schema is migrated, the first seed files are written, nothing committed
        long end = System.currentTimeMillis() + 90_000
        while (!(Files.readString(out) =~ /(?m)^  \w+ +created=/)) {
            assert p.alive: "create ended before seeding: ${Files.readString(out)}${Files.readString(err)}"
            assert System.currentTimeMillis() < end: 'timed out waiting for seeding'
            Thread.sleep(20)
        }
        assert !Files.readString(out).contains('Stamp complete.')
        [process: p, out: out, err: err]
    }

    static boolean pgDatabaseExists(String uri) {
        String name = uri.tokenize('/').last()
        def a = Backend.PgBackend.admin()
        try { a.firstRow('SELECT count(*) AS n FROM pg_database WHERE datname = ?', [name]).n > 0 } finally { a.close() }
    }

    static boolean exists(Backend b, String uri) {
        b.postgres ? pgDatabaseExists(uri) : Files.exists(Path.of(uri.substring('sqlite:'.length())))
    }

    static int count(Backend b, String uri, String table) {
        def sql = b.sql(uri)
        try { sql.firstRow("SELECT count(*) AS n FROM $table".toString()).n as int } finally { sql.close() }
    }

    def "#backend: #signal during seeding removes the database that create made, and says so"() {
        given:
        String uri = backend.freshUri()
        def run = startCreate(uri)

        when:
        if (signal == 'SIGINT') {
            assert ['kill', '-INT', run.process.pid() as String].execute().waitFor() == 0
        } else {
            run.process.destroy()   // SIGTERM
        }
        int exit = Processes.collect(run.process, 60, 'create').exit

        then:
        verifyAll {
            exit == (signal == 'SIGINT' ? 130 : 143)
            !exists(backend, uri)
            Files.readString(run.err).contains("interrupted: removed ")
        }

        when: 'the rerun'
        def again = db('create', uri)

        then:
        again.exit == 0
        count(backend, uri, 'entity_types') > 0

        where:
        [backend, signal] << [backends, ['SIGINT', 'SIGTERM']].combinations()
    }

    def "#backend: after kill -9 during seeding nothing looks done, and a rerun of create completes it"() {
        given:
        String uri = backend.freshUri()
        def run = startCreate(uri)

        when:
        run.process.destroyForcibly()
        run.process.waitFor()
        def st = db('status', uri)
        def check = db('status', uri, '--check')

        then: 'the one transaction was never committed: no reference data, no revision'
        verifyAll {
            exists(backend, uri)
            st.exit == 0
            st.out =~ /Versioned\?\s+: False/
            st.out.contains('→ empty database (no IGEM tables): run `igem db create`.')
            !st.out.contains('up-to-date')
            check.exit == 3
        }

        when: 'the next step named'
        def again = db('create', uri)

        then:
        verifyAll {
            again.exit == 0
            again.out.contains('exists but holds no IGEM tables')
            again.out.readLines().last() == 'Stamp complete.'
            count(backend, uri, 'entity_types') > 0
            db('status', uri, '--check').exit == 0
            backend.sql(uri).with { s -> try { s.rows('SELECT version_num FROM alembic_version')*.version_num } finally { s.close() } } == [HEAD]
        }

        where:
        backend << backends
    }

    def "#backend: stamp-head refuses an empty database, naming what is missing and the next step"() {
        given:
        String uri = backend.emptyUri()

        when:
        def stamp = db('stamp-head', uri)
        def forced = db('stamp-head', uri, '--force')
        def up = db('upgrade', uri)

        then:
        verifyAll {
            stamp.exit == 1
            stamp.errLines.size() == 1
            stamp.err.contains("refusing to stamp $HEAD")
            stamp.err.contains('lacks 45 of the 45 IGEM tables')
            stamp.err.contains('entity_types') || stamp.err.contains('anatomy_masters')
            stamp.err.contains('run `igem db create`')
            forced.exit == 1
            db('status', uri).out =~ /Versioned\?\s+: False/
            up.exit == 1
            up.errLines.size() == 1
            up.err.contains('is empty')
            up.err.contains('`igem db create`')
            !up.err.contains('stamp-head')
        }

        where:
        backend << backends
    }

    def "#backend: stamp-head refuses a schema that lacks some tables of the revision, naming them"() {
        given: 'the schema without its history, and one table gone'
        String uri = backend.freshUri()
        assert db('create', uri).exit == 0
        backend.sql(uri).with {
            it.execute('DROP TABLE flyway_schema_history')
            it.execute('DROP TABLE alembic_version')
            it.execute('DROP TABLE variant_effect_predictions')
            it.close()
        }

        when:
        def stamp = db('stamp-head', uri)

        then:
        stamp.exit == 1
        stamp.errLines.size() == 1
        stamp.err.contains('lacks 1 of the 45 IGEM tables of that revision (variant_effect_predictions)')
        db('status', uri).out =~ /Versioned\?\s+: False/

        where:
        backend << backends
    }
}
