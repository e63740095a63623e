package org.igem

import groovy.json.JsonSlurper
import org.igem.support.Backend
import org.igem.support.CliRun
import org.igem.support.Project
import spock.lang.Shared
import spock.lang.Specification

/** Databases made by the Python igem-server (alembic_version, no Flyway history) are recognised and adopted. */
class AdoptionSpec extends Specification {
    @Shared List<Backend> backends = Backend.both()

    def cleanupSpec() {
        backends*.cleanup()
    }

    /** The schema as the Python tool leaves it at {@code revision}, plus its alembic_version row, in plain SQL. */
    static String pythonDatabase(Backend b, String revision) {
        String uri = b.emptyUri()
        // the baseline for 7a8b9c0d1e2f, head's schema for anything else (846c774a8f66, or an id from a newer tool)
        def scripts = ['V1__baseline_0_1_0.sql'] + (revision == '7a8b9c0d1e2f' ? [] : ['V2__variant_partitioning_m1.sql'])
        def sql = b.sql(uri)
        try {
            scripts.each { name ->
                String text = Project.file("lib/resources/db/migration/${b.postgres ? 'postgresql' : 'sqlite'}/$name").toFile().text
                if (b.postgres) {
                    sql.execute(text)
                } else {
                    // sqlite-jdbc runs one statement per call; these scripts have no semicolons inside statements
                    text.replaceAll(/(?m)^--.*$/, '').split(/;\s*\n/)*.trim().findAll { it }.each { sql.execute(it) }
                }
            }
            if (revision != null) {
                sql.execute('CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))')
                sql.execute('INSERT INTO alembic_version (version_num) VALUES (?)', [revision])
            }
        } finally {
            sql.close()
        }
        uri
    }

    static CliRun.Result db(String cmd, String uri, String... more) {
        CliRun.run(['db', cmd, '--db-uri', uri] + (more as List))
    }

    def "#backend: a baseline (7a8b9c0d1e2f) Python database is recognised, adopted behind head, then upgraded"() {
        given:
        String uri = pythonDatabase(backend, '7a8b9c0d1e2f')

        when:
        def st = db('status', uri)
        def json = new JsonSlurper().parseText(db('status', uri, '--json').out)
        def up = db('upgrade', uri)
        def dry = db('migrate-dry-run', uri)

        then:
        st.out =~ /Versioned\?\s+: False/
        st.out =~ /Alembic\s+: 7a8b9c0d1e2f \(Python igem-server\) = 7a8b9c0d1e2f \(V1 baseline 0.1.0\)/
        st.out.contains('run `igem db stamp-head` once to adopt it at 7a8b9c0d1e2f, then `igem db upgrade`')
        json.alembic_revision == '7a8b9c0d1e2f'
        json.versioned == false
        up.exit == 1
        up.errLines.size() == 1
        up.err.contains('Python igem-server (Alembic revision 7a8b9c0d1e2f)')
        up.err.contains('db stamp-head')
        dry.out.contains('-- From: 7a8b9c0d1e2f')
        !dry.out.contains('V1__baseline_0_1_0.sql')
        dry.out.contains('V2__variant_partitioning_m1.sql')

        when:
        def stamp = db('stamp-head', uri)
        def behind = db('status', uri)

        then:
        stamp.exit == 0
        stamp.out.contains('Adopting Alembic revision 7a8b9c0d1e2f (Python igem-server) as 7a8b9c0d1e2f (V1 baseline 0.1.0)')
        stamp.out.contains('Run `igem db upgrade` to reach head.')
        behind.out =~ /DB revision\s+: 7a8b9c0d1e2f/
        behind.out.contains('1 pending migration(s): 846c774a8f66')

        when:
        def upgraded = db('upgrade', uri)

        then:
        upgraded.exit == 0
        upgraded.out.contains('applied 846c774a8f66')
        db('status', uri, '--check').exit == 0
        partitioned(backend, uri) == (backend.postgres ? 5 : 0)
        columnsOf(backend, uri, 'variant_masters').contains('variant_id')

        where:
        backend << backends
    }

    def "#backend: a Python database at 846c774a8f66 is adopted straight at head"() {
        given:
        String uri = pythonDatabase(backend, '846c774a8f66')

        when:
        def st = db('status', uri)
        def stamp = db('stamp-head', uri)

        then:
        st.out.contains('= 846c774a8f66 (V2 variant partitioning M1)')
        st.out.contains('adopt it at 846c774a8f66.')
        stamp.exit == 0
        stamp.out.readLines().last() == 'Stamp complete.'
        db('status', uri, '--check').exit == 0
        db('upgrade', uri).out.contains('no migrations to apply')

        where:
        backend << backends
    }

    def "#backend: an unknown Alembic revision is refused by stamp-head unless --force"() {
        given:
        String uri = pythonDatabase(backend, 'ffffffffffff')

        when:
        def st = db('status', uri)
        def refused = db('stamp-head', uri)
        def forced = db('stamp-head', uri, '--force')

        then:
        st.out.contains('ffffffffffff (Python igem-server) = unknown to this igem')
        refused.exit == 1
        refused.err.contains("Alembic revision ffffffffffff is unknown to this igem")
        forced.exit == 0
        db('status', uri, '--check').exit == 0
        alembic(backend, uri) == ['846c774a8f66']

        where:
        backend << backends
    }

    def "#backend: upgrade, status and stamp-head name the same next step for an unknown Alembic revision, and it works"() {
        given:
        String uri = pythonDatabase(backend, 'ffffffffffff')

        when:
        def st = db('status', uri)
        def up = db('upgrade', uri)
        def refused = db('stamp-head', uri)

        then: 'none of them sends the user to a command that then refuses'
        verifyAll {
            up.exit == 1
            up.errLines.size() == 1
            refused.exit == 1
            refused.errLines.size() == 1
            !up.err.contains('run `igem db stamp-head` once')
        }
        verifyEach([status: st.out, upgrade: up.err, 'stamp-head': refused.err].entrySet(), { it.key }) {
            it.value.contains('Alembic revision ffffffffffff is unknown to this igem')
            it.value.contains('upgrade igem to a release that knows it')
            it.value.contains('`igem db stamp-head --force`')
        }

        when: 'the named step'
        def forced = db('stamp-head', uri, '--force')

        then:
        forced.exit == 0
        db('upgrade', uri).exit == 0
        alembic(backend, uri) == ['846c774a8f66']

        where:
        backend << backends
    }

    def "#backend: adoption and the upgrade after it keep alembic_version in step"() {
        given:
        String uri = pythonDatabase(backend, '7a8b9c0d1e2f')

        when:
        def stamp = db('stamp-head', uri)
        def afterStamp = alembic(backend, uri)
        def up = db('upgrade', uri)

        then: 'the Python tool would read the same revision as igem at each step'
        stamp.exit == 0
        afterStamp == ['7a8b9c0d1e2f']
        up.exit == 0
        alembic(backend, uri) == ['846c774a8f66']
        mirrored(backend, uri) == '846c774a8f66'

        where:
        backend << backends
    }

    static List<String> alembic(Backend b, String uri) {
        def sql = b.sql(uri)
        try { sql.rows('SELECT version_num FROM alembic_version')*.version_num } finally { sql.close() }
    }

    static String mirrored(Backend b, String uri) {
        def sql = b.sql(uri)
        try { sql.firstRow('SELECT schema_revision FROM igem_metadata ORDER BY id LIMIT 1')?.schema_revision } finally { sql.close() }
    }

    /** Partitioned tables on PostgreSQL; on SQLite, which has none, the per-chromosome tables that would stand in for them. */
    static int partitioned(Backend b, String uri) {
        def sql = b.sql(uri)
        String q = b.postgres ? 'SELECT count(*) AS n FROM pg_partitioned_table'
                : "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_chr\\_%' ESCAPE '\\'"
        try { sql.firstRow(q).n as int } finally { sql.close() }
    }

    static List<String> columnsOf(Backend b, String uri, String table) {
        def sql = b.sql(uri)
        try {
            b.postgres ? sql.rows("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])*.column_name
                    : sql.rows("SELECT name FROM pragma_table_info('$table')".toString())*.name
        } finally { sql.close() }
    }
}
