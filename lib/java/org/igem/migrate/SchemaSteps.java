package org.igem.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.igem.config.DbTarget;
import org.igem.core.IgemException;
import org.igem.core.Version;
import org.igem.seed.SeedReport;
import org.igem.seed.Seeder;
import org.igem.sql.Databases;

/** What the schema verbs ({@link DbCreate}, {@link DbUpgrade}, {@link DbStamp}, {@link DbDryRun}) share. */
final class SchemaSteps {
    private SchemaSteps() {
    }

    static void refuseUnknownRevision(Status st, String command) {
        if (st.state() == Status.State.UNKNOWN_REVISION) {
            throw new IgemException("database records schema version " + st.currentRaw() + ", which this igem "
                    + Version.VERSION + " does not know (newer tool?); refusing to " + command);
        }
    }

    /** Seeds, then records {@code r} (alembic_version + igem_metadata), on {@code c} in its transaction. */
    static SeedReport seedAndStamp(DataSource ds, DbTarget target, SchemaMigrator m, Connection c, Revision r,
                                   boolean announceStamp, Consumer<String> progress) throws SQLException {
        progress.accept("Seeding reference data...");
        SeedReport seeds = new Seeder(ds, target).seed(c, progress);
        if (announceStamp) {
            progress.accept("Stamping schema revision...");
        }
        m.mirrorRevision(c, r);
        return seeds;
    }

    static <T> T inTransaction(DataSource ds, DbTarget target, Databases.SqlWork<T> work) {
        return Databases.withConnection(ds, target, c -> {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }
}
