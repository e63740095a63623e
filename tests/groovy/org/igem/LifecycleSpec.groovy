package org.igem

import groovy.json.JsonSlurper
import org.igem.support.Backend
import org.igem.support.CliRun
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

/** The three lifecycle states and the schema commands that move between them, on PostgreSQL and SQLite. */
class LifecycleSpec extends Specification {
    static final String HEAD = '846c774a8f66'
    static final String BASE = '7a8b9c0d1e2f'

    @Shared List<Backend> backends = Backend.both()

    def cleanupSpec() {
        backends*.cleanup()
    }

    static CliRun.Result db(String cmd, String uri, String... more) {
        CliRun.run(['db', cmd, '--db-uri', uri] + (more as List))
    }

    static int historyRows(Backend b, String uri) {
        def sql = b.sql(uri)
        try { sql.firstRow('SELECT count(*) AS n FROM flyway_schema_history').n as int } finally { sql.close() }
    }

    static String mirrored(Backend b, String uri) {
        def sql = b.sql(uri)
        try { sql.firstRow('SELECT schema_revision FROM igem_metadata ORDER BY id LIMIT 1').schema_revision } finally { sql.close() }
    }

    @Unroll
    def "#backend: create leaves a new database at head and ends with the stamp lines"() {
        given:
        String uri = backend.freshUri()

        when:
        def r = db('create', uri)

        then:
        r.exit == 0
        r.out.readLines().takeRight(2) == ['Stamping schema revision...', 'Stamp complete.']
        r.out.contains('applied 7a8b9c0d1e2f')
        r.out.contains('applied 846c774a8f66')

        when:
        def st = db('status', uri)

        then:
        st.exit == 0
        st.out =~ /Repo head\s+: 846c774a8f66/
        st.out =~ /DB revision\s+: 846c774a8f66/
        st.out =~ /Versioned\?\s+: True/
        st.out.contains('→ up-to-date.')
        mirrored(backend, uri) == HEAD

        where:
        backend << backends
    }

    @Unroll
    def "#backend: create refuses an existing database unless --overwrite, which is idempotent"() {
        given:
        String uri = backend.freshUri()
        assert db('create', uri).exit == 0
        int history = historyRows(backend, uri)

        when:
        def again = db('create', uri)

        then:
        again.exit == 1
        again.errLines.size() == 1
        again.err.contains('already exists')
        again.err.contains('--overwrite')

        when:
        def over = db('create', uri, '--overwrite')

        then:
        over.exit == 0
        over.out.contains('created=0')
        !over.out.contains('applied ')
        over.out.readLines().last() == 'Stamp complete.'
        historyRows(backend, uri) == history

        where:
        backend << backends
    }

    @Unroll
    def "#backend: upgrade at head runs no DDL and re-applies seeds"() {
        given:
        String uri = backend.freshUri()
        assert db('create', uri).exit == 0
        int history = historyRows(backend, uri)

        when:
        def r = db('upgrade', uri)

        then:
        r.exit == 0
        r.out.contains('no migrations to apply')
        r.out.contains('Seeding reference data')
        historyRows(backend, uri) == history

        where:
        backend << backends
    }

    /** A database built only up to the baseline revision. */
    static String behindHead(Backend b) {
        String uri = b.freshUri()
        assert db('create', uri, '--target', BASE).exit == 0
        uri
    }

    /** A database with the schema but without history (neither Flyway's nor Alembic's). */
    static String unversioned(Backend b) {
        String uri = b.freshUri()
        assert db('create', uri).exit == 0
        def sql = b.sql(uri)
        try {
            sql.execute('DROP TABLE flyway_schema_history')
            sql.execute('DROP TABLE alembic_version')
        } finally { sql.close() }
        uri
    }

    @Unroll
    def "#backend: a database behind head is reported as such and checked with exit 3"() {
        given:
        String uri = behindHead(backend)

        when:
        def st = db('status', uri)
        def check = db('status', uri, '--check')
        def json = new JsonSlurper().parseText(db('status', uri, '--json').out)

        then:
        st.out =~ /DB revision\s+: 7a8b9c0d1e2f/
        st.out.contains('1 pending migration(s): 846c774a8f66')
        check.exit == 3
        json.revision == BASE
        json.head == HEAD
        json.versioned == true
        json.up_to_date == false
        json.pending*.revision == [HEAD]
        mirrored(backend, uri) == BASE

        where:
        backend << backends
    }

    @Unroll
    def "#backend: the dry-run of a database behind head prints the partitioning migration and changes nothing"() {
        given:
        String uri = behindHead(backend)

        when:
        def dry = db('migrate-dry-run', uri)

        then:
        dry.exit == 0
        dry.out.contains('-- From: 7a8b9c0d1e2f')
        dry.out.contains('-- To  : 846c774a8f66 (head)')
        dry.out.contains('V2__variant_partitioning_m1.sql')
        !dry.out.contains('V1__baseline_0_1_0.sql')
        dry.out =~ /(?i)drop table if exists variant_masters/
        // PostgreSQL partitions by chromosome; SQLite gets the same table unpartitioned
        dry.out.contains('variant_masters_chr_25 PARTITION OF variant_masters') == backend.postgres
        dry.out =~ /(?i)create table if not exists variant_masters \(/
        db('status', uri, '--check').exit == 3
        mirrored(backend, uri) == BASE

        where:
        backend << backends
    }

    @Unroll
    def "#backend: upgrade brings a database behind head to head"() {
        given:
        String uri = behindHead(backend)

        when:
        def up = db('upgrade', uri)

        then:
        up.exit == 0
        up.out.contains('applied 846c774a8f66')
        db('status', uri, '--check').exit == 0
        mirrored(backend, uri) == HEAD

        where:
        backend << backends
    }

    @Unroll
    def "#backend: an unversioned database is reported as such and checked with exit 3"() {
        given:
        String uri = unversioned(backend)

        when:
        def st = db('status', uri)

        then:
        st.exit == 0
        st.out =~ /Versioned\?\s+: False/
        st.out.contains('not versioned')
        db('status', uri, '--check').exit == 3

        where:
        backend << backends
    }

    @Unroll
    def "#backend: upgrade refuses an unversioned database in one line naming stamp-head"() {
        given:
        String uri = unversioned(backend)

        when:
        def up = db('upgrade', uri)

        then:
        up.exit == 1
        up.errLines.size() == 1
        up.err.contains('not versioned')
        up.err.contains('db stamp-head')

        where:
        backend << backends
    }

    @Unroll
    def "#backend: the dry-run of an unversioned database renders every migration and leaves it unversioned"() {
        given:
        String uri = unversioned(backend)

        when:
        def dry = db('migrate-dry-run', uri)

        then:
        dry.exit == 0
        dry.out.contains('-- From: <not versioned>')
        dry.out.contains('V1__baseline_0_1_0.sql')
        dry.out.contains('V2__variant_partitioning_m1.sql')
        db('status', uri).out =~ /Versioned\?\s+: False/

        where:
        backend << backends
    }

    @Unroll
    def "#backend: stamp-head baselines an unversioned database; a second stamp-head has nothing to do"() {
        given:
        String uri = unversioned(backend)

        when:
        def stamp = db('stamp-head', uri)

        then:
        stamp.exit == 0
        stamp.out.contains('Stamp complete.')
        db('status', uri).out.contains('→ up-to-date.')

        when:
        def again = db('stamp-head', uri)

        then:
        again.exit == 0
        again.out.trim() == 'Already at head; nothing to do.'

        where:
        backend << backends
    }

    @Unroll
    def "#backend: stamp-head refuses a database at another revision unless --force"() {
        given: 'a database recorded at the baseline whose schema is already at head (the V2 history row removed)'
        String uri = backend.freshUri()
        assert db('create', uri).exit == 0
        backend.sql(uri).with { it.execute("DELETE FROM flyway_schema_history WHERE version = '2'"); it.close() }

        when:
        def refused = db('stamp-head', uri)

        then:
        refused.exit == 1
        refused.err.contains('versioned at 7a8b9c0d1e2f')
        refused.err.contains('--force')
        db('status', uri).out =~ /DB revision\s+: 7a8b9c0d1e2f/

        when:
        def forced = db('stamp-head', uri, '--force')

        then:
        forced.exit == 0
        forced.out.contains('Stamp complete.')
        db('status', uri).out.contains('→ up-to-date.')
        mirrored(backend, uri) == HEAD

        where:
        backend << backends
    }

    @Unroll
    def "#backend: dry-run at head renders nothing; an unknown --target is a usage error"() {
        given:
        String uri = backend.freshUri()
        assert db('create', uri).exit == 0

        when:
        def dry = db('migrate-dry-run', uri)
        def bad = db('migrate-dry-run', uri, '--target', 'deadbeef0000')

        then:
        dry.exit == 0
        dry.out.contains('Nothing to apply')
        !dry.out.contains('CREATE TABLE')
        bad.exit == 2
        bad.errLines.size() == 1
        bad.err.contains("unknown revision 'deadbeef0000'")

        where:
        backend << backends
    }

    @Unroll
    def "#backend: commands other than create refuse a database that does not exist"() {
        given:
        String uri = backend.freshUri()

        when:
        def r = db('status', uri)

        then:
        r.exit == 1
        r.errLines.size() == 1
        r.err.contains('does not exist')
        r.err.contains('db create')

        where:
        backend << backends
    }
}
