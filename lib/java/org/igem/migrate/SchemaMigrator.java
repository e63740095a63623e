package org.igem.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.igem.core.IgemException;
import org.igem.config.DbTarget;
import org.igem.config.Secrets;
import org.igem.sql.Catalog;
import org.igem.sql.Databases;

/**
 * Flyway over the IGEM migration scripts. Flyway OSS has no dry-run, so {@link #dryRun} renders
 * the pending scripts from the class path itself.
 */
public final class SchemaMigrator {
    public static final String HISTORY_TABLE = Catalog.FLYWAY_HISTORY_TABLE;

    private final DataSource dataSource;
    private final DbTarget target;

    public SchemaMigrator(DataSource dataSource, DbTarget target) {
        this.dataSource = dataSource;
        this.target = target;
    }

    /** Class-path folder of this back end's migration scripts. */
    public String scriptFolder() {
        return "db/migration/" + (target.isPostgres() ? "postgresql" : "sqlite");
    }

    private Flyway flyway(Revision targetRevision) {
        return flyway(targetRevision, Revisions.head());
    }

    private Flyway flyway(Revision targetRevision, Revision baseline, Callback... callbacks) {
        var cfg = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + scriptFolder())
                .table(HISTORY_TABLE)
                .placeholderReplacement(false)
                // All pending migrations in one transaction: a failure leaves schema and history as they were.
                .group(true)
                .baselineVersion(baseline.version())
                .baselineDescription("stamp " + baseline.alembicId())
                .cleanDisabled(true)
                .callbacks(callbacks);
        if (targetRevision != null) {
            cfg.target(targetRevision.version());
        }
        return cfg.load();
    }

    /**
     * Where the database stands. Read straight from Flyway's history table (the newest successful
     * versioned row) rather than through Flyway's info(), which scans the class path for scripts:
     * status is what deploy pipelines call most, so it should start fast.
     */
    public Status status() {
        String raw = Databases.withConnection(dataSource, target, this::recordedVersion);
        Revision cur = raw == null ? null : Revisions.byVersion(raw).orElse(null);
        List<Revision> pending = new ArrayList<>();
        if (raw != null && cur != null) {
            pending.addAll(Revisions.ALL.subList(Revisions.indexOf(cur) + 1, Revisions.ALL.size()));
        } else if (raw == null) {
            pending.addAll(Revisions.ALL);
        }
        return new Status(target.display(), Revisions.head(), cur, raw, raw != null, List.copyOf(pending),
                raw == null ? alembicRevision() : null, raw == null ? userTableCount() : -1);
    }

    /** Work on the migration's own connection, inside its transaction (no commit, no rollback of its own). */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection c) throws SQLException;
    }

    /** Applies migrations up to {@code to} (null = head) in one transaction; returns what ran. */
    public List<Revision> migrate(Revision to, Consumer<String> log) {
        return migrate(to, log, null);
    }

    /**
     * As {@link #migrate(Revision, Consumer)}; {@code atEnd} runs after the last migration, on its
     * connection and in its transaction (Flyway's afterEachMigrate runs before the history row is written,
     * in the group's transaction): schema, {@code atEnd}'s work (the seeds) and the history commit together
     * or not at all. Every migration also rewrites {@code alembic_version} in that transaction.
     */
    public List<Revision> migrate(Revision to, Consumer<String> log, InTransaction atEnd) {
        Revision last = to == null ? Revisions.head() : to;
        Callback steps = new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_EACH_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                MigrationInfo info = context.getMigrationInfo();
                if (info == null || info.getVersion() == null) {
                    return;
                }
                Revision r = Revisions.byVersion(info.getVersion().getVersion()).orElseThrow(() -> new IgemException(
                        "migration V" + info.getVersion() + " has no Alembic equivalent in Revisions"));
                try {
                    Connection c = context.getConnection();
                    AlembicVersion.write(c, r);
                    log.accept("  applied " + r.label());
                    if (r.equals(last) && atEnd != null) {
                        atEnd.run(c);
                    }
                } catch (SQLException e) {
                    throw Databases.translate(target, e);
                }
            }

            @Override
            public String getCallbackName() {
                return "igem-in-transaction";
            }
        };
        MigrateResult result = run(() -> flyway(to, Revisions.head(), steps).migrate());
        List<Revision> applied = new ArrayList<>();
        for (MigrateOutput m : result.migrations) {
            Revision r = Revisions.byVersion(m.version).orElseThrow();
            applied.add(r);
        }
        return applied;
    }

    /**
     * The revision in {@code alembic_version}, left by the Python igem-server (null when the table is
     * missing or empty). Read only for databases without a Flyway history.
     */
    public String alembicRevision() {
        try (Connection c = dataSource.getConnection()) {
            if (!Catalog.tableExists(c, target.isPostgres(), "alembic_version")) {
                return null;
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version_num FROM alembic_version")) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private String recordedVersion(Connection c) throws SQLException {
        if (!Catalog.tableExists(c, target.isPostgres(), HISTORY_TABLE)) {
            return null;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM " + HISTORY_TABLE
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Records {@code revision} as the database's state without running any DDL (Flyway baseline). */
    public void stampAt(Revision revision, boolean purge) {
        if (purge) {
            Databases.withConnection(dataSource, target, c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + HISTORY_TABLE);
                }
                return null;
            });
        }
        run(() -> flyway(null, revision).baseline());
    }

    /** Records head without running any DDL; with {@code purge} the old history is removed first. */
    public void stampHead(boolean purge) {
        stampAt(Revisions.head(), purge);
    }

    /** The SQL of the migrations after {@code from} up to and including {@code to}. */
    public DryRun dryRun(Revision from, Revision to) {
        int start = from == null ? 0 : Revisions.indexOf(from) + 1;
        int end = Revisions.indexOf(to);
        List<DryRun.Script> scripts = new ArrayList<>();
        for (int i = start; i <= end; i++) {
            Revision r = Revisions.ALL.get(i);
            scripts.add(new DryRun.Script(r, readScript(r)));
        }
        return new DryRun(from, to, scripts);
    }

    public String readScript(Revision r) {
        String resource = scriptFolder() + "/" + r.script();
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IgemException("migration script " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IgemException("cannot read migration script " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies {@code r} into {@code alembic_version} and igem_metadata.schema_revision (first row), in one
     * transaction of its own. The igem_metadata half is best effort (the table may be missing).
     */
    public void mirrorRevision(Revision r) {
        Databases.withConnection(dataSource, target, c -> {
            c.setAutoCommit(false);
            try {
                mirrorRevision(c, r);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    /** As {@link #mirrorRevision(Revision)}, on the caller's connection and in its transaction. */
    public void mirrorRevision(Connection c, Revision r) throws SQLException {
        AlembicVersion.write(c, r);
        if (Catalog.tableExists(c, target.isPostgres(), "igem_metadata")) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE igem_metadata SET schema_revision = ? WHERE id = (SELECT MIN(id) FROM igem_metadata)")) {
                ps.setString(1, r.alembicId());
                ps.executeUpdate();
            }
        }
    }

    private static final java.util.regex.Pattern TABLE_DDL = java.util.regex.Pattern.compile(
            "(?i)\\b(CREATE|DROP)\\s+TABLE\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?\"?(\\w+)\"?(\\s+PARTITION\\s+OF\\b)?");

    /** The IGEM tables a database at {@code r} has (partition children not counted), read from the scripts. */
    public java.util.Set<String> expectedTables(Revision r) {
        java.util.Set<String> tables = new java.util.TreeSet<>();
        for (Revision each : Revisions.ALL.subList(0, Revisions.indexOf(r) + 1)) {
            String sql = readScript(each).replaceAll("(?m)--.*$", "");
            var m = TABLE_DDL.matcher(sql);
            while (m.find()) {
                if (m.group(1).equalsIgnoreCase("DROP")) {
                    tables.remove(m.group(2).toLowerCase(java.util.Locale.ROOT));
                } else if (m.group(3) == null) {
                    tables.add(m.group(2).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return tables;
    }

    /** The tables of revision {@code r} that the database lacks (empty when its schema is there). */
    public List<String> missingTables(Revision r) {
        java.util.Set<String> present = Databases.withConnection(dataSource, target, c -> Catalog.tableNames(c, target.isPostgres()));
        return expectedTables(r).stream().filter(t -> !present.contains(t)).toList();
    }

    /** Number of user tables in the database (other than the schema history). */
    public int userTableCount() {
        return Databases.withConnection(dataSource, target, c -> Catalog.tableNames(c, target.isPostgres()).size());
    }

    private <T> T run(FlywayWork<T> work) {
        try {
            return work.run();
        } catch (FlywayException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IgemException ie) {
                    throw ie;
                }
            }
            throw Databases.connectionFailure(target, e).orElseGet(() -> new IgemException(
                    Secrets.scrub("migration failed on " + target.display() + ": " + flywayMessage(e), target.password()), e));
        } catch (RuntimeException e) {
            throw Databases.translate(target, e);
        }
    }

    /** Flyway messages are multi-line reports; keep the line that says what went wrong. */
    static String flywayMessage(FlywayException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        List<String> lines = Arrays.stream(msg.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        String first = lines.isEmpty() ? msg : lines.get(0);
        for (String l : lines) {
            if (l.startsWith("Message")) {
                return first + " — " + l.substring(l.indexOf(':') + 1).strip();
            }
        }
        return first;
    }

    @FunctionalInterface
    private interface FlywayWork<T> {
        T run();
    }
}
