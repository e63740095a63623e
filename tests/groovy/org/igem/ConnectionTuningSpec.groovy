package org.igem

import org.igem.config.DbUris
import org.igem.support.Backend
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Path

/** The IGEM_DB_* environment reaches the PostgreSQL session; SQLite connections get their pragmas. */
class ConnectionTuningSpec extends Specification {
    @Shared Backend pg = Backend.postgres()
    @Shared Backend lite = Backend.sqlite()

    def cleanupSpec() {
        pg.cleanup()
        lite.cleanup()
    }

    static Map<String, Object> settings(IgemDb db, List<String> queries) {
        db.dataSource().connection.withCloseable { c ->
            queries.collectEntries { q -> c.createStatement().executeQuery(q).with { it.next(); [(q): it.getObject(1)] } }
        }
    }

    def "PostgreSQL sessions carry the application name, keepalive settings and pool lifetime from the environment"() {
        given:
        def target = DbUris.parse(pg.emptyUri(), Path.of('/'))
        def env = [IGEM_DB_APPLICATION_NAME: 'igem-spec-app', IGEM_DB_KEEPALIVES_IDLE: '42', IGEM_DB_KEEPALIVES_INTERVAL: '7',
                   IGEM_DB_KEEPALIVES_COUNT: '3', IGEM_DB_POOL_RECYCLE: '600']

        when:
        def db = Igem.connect(target, env)
        def s = settings(db, ["SHOW application_name", "SHOW tcp_keepalives_idle", "SHOW tcp_keepalives_interval",
                              "SHOW tcp_keepalives_count"])

        then:
        s['SHOW application_name'] == 'igem-spec-app'
        s['SHOW tcp_keepalives_idle'] == '42'
        s['SHOW tcp_keepalives_interval'] == '7'
        s['SHOW tcp_keepalives_count'] == '3'
        db.dataSource().maxLifetime == 600_000L

        cleanup:
        db?.close()
    }

    def "defaults apply when the environment says nothing"() {
        given:
        def db = Igem.connect(DbUris.parse(pg.emptyUri(), Path.of('/')), [:])

        expect:
        settings(db, ["SHOW application_name"])['SHOW application_name'] == 'igem'
        db.dataSource().maxLifetime == 1_800_000L

        cleanup:
        db?.close()
    }

    def "SQLite connections use WAL, synchronous=NORMAL, a 64 MB cache, memory temp store and foreign keys"() {
        given:
        def db = Igem.connect(DbUris.parse(lite.emptyUri(), Path.of('/')), [:])

        when:
        def s = settings(db, ['PRAGMA journal_mode', 'PRAGMA synchronous', 'PRAGMA cache_size', 'PRAGMA temp_store',
                              'PRAGMA foreign_keys'])

        then:
        s['PRAGMA journal_mode'] == 'wal'
        s['PRAGMA synchronous'] == 1
        s['PRAGMA cache_size'] == -65536
        s['PRAGMA temp_store'] == 2
        s['PRAGMA foreign_keys'] == 1

        cleanup:
        db?.close()
    }
}
