package org.igem


import org.igem.core.IgemException;

import org.igem.support.Backend
import org.igem.support.CliRun
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The library's exploring calls (used by the DSL and JShell): tables, first rows, queries; on SQL and on a snapshot. */
class ExploreSpec extends Specification {
    @Shared Backend lite = Backend.sqlite()
    @Shared String uri
    @Shared @TempDir Path tmp
    @Shared Path snap

    def setupSpec() {
        uri = lite.freshUri()
        assert CliRun.run('db', 'create', '--db-uri', uri).exit == 0
        snap = tmp.resolve('snap')
        def r = CliRun.run('db', 'export', '--db-uri', uri, '--output', snap.toString())
        assert r.exit == 0: r.toString()
    }

    def cleanupSpec() {
        lite.cleanup()
    }

    def "tables with row counts on #kind"() {
        given:
        def db = Igem.connect(where(kind))

        when:
        def tables = db.tables().collectEntries { [(it.name()): it.rows()] }

        then:
        tables.size() == 45
        tables.entity_types == 14
        tables.etl_data_sources == 52
        tables.entities == 0
        !tables.containsKey('flyway_schema_history')

        cleanup:
        db?.close()

        where:
        kind << ['sqlite', 'snapshot']
    }

    def "first rows of a table on #kind"() {
        given:
        def db = Igem.connect(where(kind))

        when:
        def rows = db.head('entity_types', 3)

        then:
        rows.columns() == ['id', 'name', 'domain', 'description']
        rows.rows().size() == 3
        rows.rows()*.get(1) == ['Variants', 'Genes', 'Proteins']
        rows.rows()*.get(0)*.toString() == ['1', '2', '3']

        when:
        db.head('no_such_table', 1)

        then:
        def e = thrown(IgemException)
        e.message.contains("unknown table 'no_such_table'")

        cleanup:
        db?.close()

        where:
        kind << ['sqlite', 'snapshot']
    }

    def "the same query on a SQL database and on its snapshot (DuckDB; more in QuerySpec)"() {
        given:
        def db = Igem.connect(uri)
        def sdb = Igem.connect(snap.toString())
        String sql = "SELECT code FROM entity_relationship_types WHERE id IN (1, 10) ORDER BY id"

        expect:
        db.query(sql).rows()*.get(0) == ['is_a', 'GxE']
        sdb.query(sql).rows()*.get(0) == ['is_a', 'GxE']

        cleanup:
        db?.close()
        sdb?.close()
    }

    String where(String kind) {
        kind == 'sqlite' ? uri : "parquet://$snap".toString()
    }
}
