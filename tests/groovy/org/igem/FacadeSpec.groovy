package org.igem

import org.igem.core.IgemException
import org.igem.export.ExportOptions
import org.igem.migrate.CreateResult
import org.igem.support.Backend
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The façade's shape: immutable (a listener per copy), one backend per URI kind, Info typed by backend. */
class FacadeSpec extends Specification {
    @Shared Backend lite = Backend.sqlite()
    @TempDir Path tmp

    def cleanupSpec() {
        lite.cleanup()
    }

    def "withProgress returns a new façade with its own listener; the original stays silent"() {
        given:
        String uri = lite.freshUri()
        List<String> lines = []
        IgemDb quiet = Igem.connect(uri)

        when:
        IgemDb loud = quiet.withProgress(lines.&add)
        CreateResult created = loud.create(false)

        then:
        !loud.is(quiet)
        created.databaseCreated()
        lines.contains('Applying schema migrations...')
        lines.contains('Stamp complete.')

        when: 'the silent original runs a verb that reports progress'
        lines.clear()
        quiet.upgrade()

        then:
        lines.isEmpty()

        cleanup:
        loud?.close()
        quiet?.close()
    }

    def "info is a SqlInfo for a database (server facts only when reached) and a SnapshotInfo for a snapshot"() {
        given:
        String uri = lite.freshUri()

        when: 'the SQLite file does not exist yet'
        Info missing = Igem.connect(uri).info()

        then:
        missing instanceof SqlInfo
        !missing.connected()
        (missing as SqlInfo).server() == null
        missing.error().contains('file does not exist')

        when:
        Path snap = tmp.resolve('snap')
        Info reached
        Igem.connect(uri).withCloseable { IgemDb db ->
            db.create(false)
            reached = db.info()
            db.export(ExportOptions.to(snap))
        }
        Info snapInfo = Igem.connect("parquet://$snap".toString()).info()

        then:
        reached instanceof SqlInfo
        reached.connected()
        (reached as SqlInfo).server().version().startsWith('SQLite')
        reached.revision() == org.igem.migrate.Revisions.head().alembicId()
        snapInfo instanceof SnapshotInfo
        snapInfo.readOnly()
        (snapInfo as SnapshotInfo).tableCount() > 0
    }

    def "the snapshot backend refuses the schema verbs as usage errors"() {
        given:
        Path snap = tmp.resolve('snap')
        String uri = lite.freshUri()
        Igem.connect(uri).withCloseable { IgemDb db ->
            db.create(false)
            db.export(ExportOptions.to(snap))
        }
        IgemDb db = Igem.connect("parquet://$snap".toString())

        when:
        verb(db)

        then:
        IgemException e = thrown()
        e.exitCode() == IgemException.USAGE
        e.message.startsWith("db $name needs a writable SQL database")

        where:
        name              | verb
        'create'          | { IgemDb d -> d.create(false) }
        'upgrade'         | { IgemDb d -> d.upgrade() }
        'stamp-head'      | { IgemDb d -> d.stampHead(false) }
        'migrate-dry-run' | { IgemDb d -> d.dryRun(null) }
        'status'          | { IgemDb d -> d.status() }
    }
}
