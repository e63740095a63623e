package org.igem.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.igem.config.DbTarget;
import org.igem.core.IgemException;
import org.igem.seed.SeedReport;
import org.igem.sql.ConnectionSettings;
import org.igem.sql.PgAdmin;

/**
 * {@code db create}: creates the database if needed (PostgreSQL: through the {@code postgres} admin
 * database), applies every migration up to a revision, seeds, and records that revision. An
 * existing database is refused unless {@code overwrite}, which re-runs the bootstrap idempotently;
 * one with tables but no history, at an unknown revision or newer than the target is refused always.
 *
 * @param dataSource opened only after the database exists (PostgreSQL creates it first)
 */
public record DbCreate(DbTarget target, ConnectionSettings settings, Supplier<? extends DataSource> dataSource,
                       Consumer<String> progress) {

    public CreateResult run(boolean overwrite, Revision to) {
        boolean created;
        if (target.isPostgres()) {
            created = new PgAdmin(target, settings).ensureDatabase(progress);
        } else if (!Files.isDirectory(target.path().toAbsolutePath().getParent())) {
            throw new IgemException("cannot create " + target.path() + ": directory "
                    + target.path().toAbsolutePath().getParent() + " does not exist");
        } else {
            created = !Files.exists(target.path()) || sizeOf() == 0;
        }
        // SIGINT / SIGTERM while this create runs: drop what it made (kill -9 cannot be caught: the open
        // transaction dies with the process and the rerun finds an empty database, see below).
        AtomicBoolean finished = new AtomicBoolean();
        Thread undo = created ? new Thread(() -> {
            if (!finished.get()) {
                removeCreated();
                System.err.println("interrupted: removed " + target.describe() + ", which this `igem db create` had made");
            }
        }, "igem-create-undo") : null;
        if (undo != null) {
            Runtime.getRuntime().addShutdownHook(undo);
        }
        try {
            DataSource ds = dataSource.get();
            SchemaMigrator m = new SchemaMigrator(ds, target);
            Status before = m.status();
            if (!created) {
                boolean empty = !before.versioned() && before.igemTables() == 0 && before.alembicRevision() == null;
                if (empty) {
                    progress.accept(target.describe() + " exists but holds no IGEM tables (an interrupted `igem db create`?);"
                            + " creating the schema in it.");
                } else if (!overwrite) {
                    throw new IgemException(target.describe() + " already exists; use --overwrite to re-run the bootstrap on it"
                            + " (idempotent)");
                } else {
                    progress.accept(target.describe() + " exists; re-running the bootstrap (--overwrite).");
                }
            }
            if (!before.versioned() && before.igemTables() > 0) {
                throw new IgemException(target.describe() + " has tables but no schema history; if its schema matches this "
                        + "version run `igem db stamp-head`, otherwise start from an empty database");
            }
            SchemaSteps.refuseUnknownRevision(before, "create");
            if (before.current() != null && Revisions.indexOf(before.current()) > Revisions.indexOf(to)) {
                throw new IgemException("database is already at " + before.current().alembicId() + ", newer than "
                        + to.alembicId() + "; downgrades are not supported");
            }
            progress.accept("Applying schema migrations...");
            SeedReport[] seeds = new SeedReport[1];
            // Schema, seeds and stamp in ONE transaction: an interrupted create leaves nothing that looks done.
            List<Revision> applied = m.migrate(to, progress,
                    c -> seeds[0] = SchemaSteps.seedAndStamp(ds, target, m, c, to, true, progress));
            if (applied.isEmpty()) {
                progress.accept("  schema already at " + to.label());
                seeds[0] = SchemaSteps.inTransaction(ds, target,
                        c -> SchemaSteps.seedAndStamp(ds, target, m, c, to, true, progress));
            }
            progress.accept("Stamp complete.");
            finished.set(true);
            return new CreateResult(target.display(), created, applied, seeds[0], to);
        } catch (RuntimeException e) {
            finished.set(true);
            if (created) {
                removeCreated();
            }
            throw e;
        } finally {
            if (undo != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(undo);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run
                }
            }
        }
    }

    /** Removes the database (PostgreSQL) or file (SQLite) that {@link #run} made; best effort. */
    private void removeCreated() {
        if (target.isPostgres()) {
            new PgAdmin(target, settings).dropQuietly();
        } else {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                try {
                    Files.deleteIfExists(Path.of(target.path() + suffix));
                } catch (java.io.IOException ignored) {
                    // best effort: the original error is what the user needs to see
                }
            }
        }
    }

    private long sizeOf() {
        try {
            return Files.size(target.path());
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
