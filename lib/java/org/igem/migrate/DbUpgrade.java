package org.igem.migrate;

import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.igem.config.DbTarget;
import org.igem.core.IgemException;
import org.igem.seed.SeedReport;

/**
 * {@code db upgrade}: applies the pending migrations up to a revision (all in one transaction) and
 * re-seeds. Refuses an unversioned database (saying whether to adopt, stamp or create it), an
 * unknown recorded revision and a downgrade.
 */
public record DbUpgrade(DbTarget target, DataSource dataSource, Consumer<String> progress) {

    public UpgradeResult run(Revision to) {
        SchemaMigrator m = new SchemaMigrator(dataSource, target);
        Status before = m.status();
        if (!before.versioned()) {
            if (before.alembicRevision() != null && before.adoptable().isPresent()) {
                throw new IgemException(target.describe() + " was made by the Python igem-server (Alembic revision "
                        + before.alembicRevision() + ") and has no schema history here: run `igem db stamp-head` once to adopt "
                        + "it, then `igem db upgrade`");
            }
            if (before.alembicRevision() != null) {
                throw new IgemException(target.describe() + " has no schema history here and "
                        + Status.unknownAlembicStep(before.alembicRevision()));
            }
            if (before.igemTables() == 0) {
                throw new IgemException(target.describe() + " is empty (no IGEM tables, no schema history): run `igem db create`,"
                        + " which builds the schema in an existing empty database");
            }
            throw new IgemException(target.describe() + " is not versioned (no schema history): if its schema already matches "
                    + "this version run `igem db stamp-head` once; otherwise start from an empty database with `igem db create`");
        }
        SchemaSteps.refuseUnknownRevision(before, "upgrade");
        if (Revisions.indexOf(to) < Revisions.indexOf(before.current())) {
            throw new IgemException("database is at " + before.current().alembicId() + ", newer than target " + to.alembicId()
                    + "; downgrades are not supported (restore a backup instead)");
        }
        List<Revision> applied;
        Revision now = before.current();
        SeedReport seeds;
        if (Revisions.indexOf(to) == Revisions.indexOf(before.current())) {
            progress.accept("Database already at " + to.label() + "; no migrations to apply.");
            applied = List.of();
            seeds = reseed(m, now);
        } else {
            progress.accept("Upgrading " + before.current().alembicId() + " -> " + to.alembicId() + "...");
            SeedReport[] inTx = new SeedReport[1];
            applied = m.migrate(to, progress,
                    c -> inTx[0] = SchemaSteps.seedAndStamp(dataSource, target, m, c, to, false, progress));
            if (applied.isEmpty()) {
                // Another process applied them while this one waited for Flyway's lock: report (and mirror) where
                // the database really is, not the revision read before waiting.
                Revision reached = m.status().current();
                now = reached != null ? reached : now;
                progress.accept("Database already at " + now.label() + " (upgraded meanwhile by another process); "
                        + "no migrations to apply.");
                seeds = reseed(m, now);
            } else {
                now = applied.get(applied.size() - 1);
                seeds = inTx[0];
            }
        }
        return new UpgradeResult(target.display(), before.current(), now, applied, seeds);
    }

    private SeedReport reseed(SchemaMigrator m, Revision at) {
        return SchemaSteps.inTransaction(dataSource, target,
                c -> SchemaSteps.seedAndStamp(dataSource, target, m, c, at, false, progress));
    }
}
