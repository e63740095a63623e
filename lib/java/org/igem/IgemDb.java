package org.igem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.igem.config.DbTarget;
import org.igem.migrate.DryRun;
import org.igem.migrate.Revision;
import org.igem.migrate.Revisions;
import org.igem.migrate.SchemaMigrator;
import org.igem.migrate.Status;
import org.igem.seed.SeedReport;
import org.igem.seed.Seeder;
import org.igem.snapshot.Manifest;
import org.igem.sql.ConnectionSettings;
import org.igem.sql.Databases;
import org.igem.core.IgemException;
import org.igem.core.Version;

/**
 * One IGEM database or snapshot. Methods return typed results that the CLI prints, the DSL
 * chains and JShell inspects; progress lines go to the listener set with {@link #onProgress}.
 */
public final class IgemDb implements AutoCloseable {
    private final DbTarget target;
    private final ConnectionSettings settings;
    private Consumer<String> progress = line -> { };
    private boolean progressSet;
    private HikariDataSource dataSource;
    /** The environment the per-user caches are found from (XDG_CACHE_HOME, IGEM_DUCKDB_JAR, IGEM_MAVEN_REPO). */
    private final java.util.Map<String, String> env;

    IgemDb(DbTarget target, ConnectionSettings settings) {
        this(target, settings, System.getenv());
    }

    IgemDb(DbTarget target, ConnectionSettings settings, java.util.Map<String, String> env) {
        this.target = target;
        this.settings = settings;
        this.env = env;
    }

    public DbTarget target() {
        return target;
    }

    /** Where progress lines ("Applying migrations...", per-table seed counts) go; default: nowhere. */
    public IgemDb onProgress(Consumer<String> listener) {
        this.progress = listener == null ? line -> { } : listener;
        this.progressSet = listener != null;
        return this;
    }

    // ---------------------------------------------------------------- results

    /** Outcome of {@link #create}. */
    public record CreateResult(String uri, boolean databaseCreated, List<Revision> applied, SeedReport seeds, Revision revision) {
    }

    /** Outcome of {@link #upgrade}. */
    public record UpgradeResult(String uri, Revision from, Revision to, List<Revision> applied, SeedReport seeds) {
        public boolean migrated() {
            return !applied.isEmpty();
        }
    }

    /** Outcome of {@link #stampHead}. */
    public record StampResult(String uri, Outcome outcome, String previous, Revision head) {
        /** ADOPTED: a Python igem-server database, recorded at its Alembic revision's equivalent ({@code head}). */
        public enum Outcome { STAMPED, ALREADY_AT_HEAD, RESTAMPED, ADOPTED }
    }

    // ---------------------------------------------------------------- schema commands

    public Status status() {
        requireSql("status");
        requireExistingSqlite();
        synchronized (this) {
            if (dataSource == null) {
                // a lone status (the deploy pipelines' most frequent call) reads one row: no pool to start
                return new SchemaMigrator(Databases.unpooled(target, settings), target).status();
            }
        }
        return migrator().status();
    }

    /**
     * Creates the database if needed (PostgreSQL: through the {@code postgres} admin database),
     * applies every migration, seeds, and records the head revision. An existing database is
     * refused unless {@code overwrite}, which re-runs the bootstrap idempotently.
     */
    public CreateResult create(boolean overwrite) {
        return create(overwrite, null);
    }

    /**
     * As {@link #create(boolean)}, but stops at {@code toRevision} (null = head): a database at an
     * older revision, for rehearsing an upgrade before running it on production.
     */
    public CreateResult create(boolean overwrite, String toRevision) {
        requireSql("create");
        Revision to = toRevision == null ? Revisions.head() : Revisions.parse(toRevision);
        boolean created;
        if (target.isPostgres()) {
            created = new org.igem.sql.PgAdmin(target, settings).ensureDatabase(progress);
        } else if (!Files.isDirectory(target.path().toAbsolutePath().getParent())) {
            throw new IgemException("cannot create " + target.path() + ": directory "
                    + target.path().toAbsolutePath().getParent() + " does not exist");
        } else {
            created = !Files.exists(target.path()) || sizeOf() == 0;
        }
        // SIGINT / SIGTERM while this create runs: drop what it made (kill -9 cannot be caught: the open
        // transaction dies with the process and the rerun finds an empty database, see below).
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
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
            SchemaMigrator m = migrator();
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
            refuseUnknownRevision(before, "create");
            if (before.current() != null && Revisions.indexOf(before.current()) > Revisions.indexOf(to)) {
                throw new IgemException("database is already at " + before.current().alembicId() + ", newer than "
                        + to.alembicId() + "; downgrades are not supported");
            }
            progress.accept("Applying schema migrations...");
            SeedReport[] seeds = new SeedReport[1];
            // Schema, seeds and stamp in ONE transaction: an interrupted create leaves nothing that looks done.
            List<Revision> applied = m.migrate(to, progress, c -> seeds[0] = seedAndStamp(m, c, to, true));
            if (applied.isEmpty()) {
                progress.accept("  schema already at " + to.label());
                seeds[0] = inTransaction(c -> seedAndStamp(m, c, to, true));
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

    /** Removes the database (PostgreSQL) or file (SQLite) that {@link #create} made; best effort. */
    private void removeCreated() {
        if (target.isPostgres()) {
            new org.igem.sql.PgAdmin(target, settings).dropQuietly();
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

    /** Seeds, then records {@code r} (alembic_version + igem_metadata), on {@code c} in its transaction. */
    private SeedReport seedAndStamp(SchemaMigrator m, java.sql.Connection c, Revision r, boolean announceStamp) throws SQLException {
        progress.accept("Seeding reference data...");
        SeedReport seeds = new Seeder(dataSource(), target).seed(c, progress);
        if (announceStamp) {
            progress.accept("Stamping schema revision...");
        }
        m.mirrorRevision(c, r);
        return seeds;
    }

    private <T> T inTransaction(Databases.SqlWork<T> work) {
        return Databases.withConnection(dataSource(), target, c -> {
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

    /** Applies pending migrations (all in one transaction) and re-seeds. Refuses an unversioned database. */
    public UpgradeResult upgrade() {
        return upgrade(null);
    }

    public UpgradeResult upgrade(String toRevision) {
        requireSql("upgrade");
        requireExistingSqlite();
        Revision to = toRevision == null ? Revisions.head() : Revisions.parse(toRevision);
        SchemaMigrator m = migrator();
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
        refuseUnknownRevision(before, "upgrade");
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
            Revision at = now;
            seeds = inTransaction(c -> seedAndStamp(m, c, at, false));
        } else {
            progress.accept("Upgrading " + before.current().alembicId() + " -> " + to.alembicId() + "...");
            SeedReport[] inTx = new SeedReport[1];
            applied = m.migrate(to, progress, c -> inTx[0] = seedAndStamp(m, c, to, false));
            if (applied.isEmpty()) {
                // Another process applied them while this one waited for Flyway's lock: report (and mirror) where
                // the database really is, not the revision read before waiting.
                Revision reached = m.status().current();
                now = reached != null ? reached : now;
                progress.accept("Database already at " + now.label() + " (upgraded meanwhile by another process); "
                        + "no migrations to apply.");
                Revision at = now;
                seeds = inTransaction(c -> seedAndStamp(m, c, at, false));
            } else {
                now = applied.get(applied.size() - 1);
                seeds = inTx[0];
            }
        }
        return new UpgradeResult(target.display(), before.current(), now, applied, seeds);
    }

    /**
     * Records head without DDL. Refuses a database at another revision unless {@code force}. A
     * database of the Python igem-server (an {@code alembic_version} row, no history here) is
     * adopted at the equivalent revision, so {@code db upgrade} then applies what it lacks.
     * Whatever is recorded, the IGEM tables of that revision must be there.
     */
    public StampResult stampHead(boolean force) {
        requireSql("stamp-head");
        requireExistingSqlite();
        SchemaMigrator m = migrator();
        Status st = m.status();
        Revision head = Revisions.head();
        if (st.upToDate()) {
            m.mirrorRevision(head);
            return new StampResult(target.display(), StampResult.Outcome.ALREADY_AT_HEAD, head.alembicId(), head);
        }
        if (st.versioned() && !force) {
            throw new IgemException("database is versioned at " + st.currentId() + ", not at head " + head.alembicId()
                    + "; run `igem db upgrade`, or `igem db stamp-head --force` to overwrite the recorded revision "
                    + "(have a backup ready)");
        }
        if (!st.versioned() && st.alembicRevision() != null && !force) {
            Revision adopted = st.adoptable().orElseThrow(() -> new IgemException("refusing to stamp "
                    + target.describe() + ": " + Status.unknownAlembicStep(st.alembicRevision())));
            requireSchemaOf(m, adopted);
            m.stampAt(adopted, false);
            m.mirrorRevision(adopted);
            return new StampResult(target.display(), StampResult.Outcome.ADOPTED, st.alembicRevision(), adopted);
        }
        requireSchemaOf(m, head);
        m.stampHead(st.versioned());
        m.mirrorRevision(head);
        return new StampResult(target.display(), st.versioned() ? StampResult.Outcome.RESTAMPED : StampResult.Outcome.STAMPED,
                st.currentId(), head);
    }

    /** Stamping records a schema without creating it: refuse when the tables of {@code r} are not there. */
    private void requireSchemaOf(SchemaMigrator m, Revision r) {
        java.util.Set<String> expected = m.expectedTables(r);
        List<String> missing = m.missingTables(r);
        if (missing.isEmpty()) {
            return;
        }
        String list = String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                + (missing.size() > 5 ? ", … (" + (missing.size() - 5) + " more)" : "");
        String next = missing.size() == expected.size()
                ? "it is empty: run `igem db create`, which builds the schema in an existing empty database"
                : "create the missing tables (or start from an empty database with `igem db create`), then stamp again";
        throw new IgemException("refusing to stamp " + r.alembicId() + ": " + target.describe() + " lacks " + missing.size()
                + " of the " + expected.size() + " IGEM tables of that revision (" + list + "); " + next);
    }

    /** The SQL {@code db upgrade} would run up to {@code toRevision} (null = head). Executes nothing. */
    public DryRun dryRun(String toRevision) {
        requireSql("migrate-dry-run");
        Revision to = toRevision == null ? Revisions.head() : Revisions.parse(toRevision);
        requireExistingSqlite();
        SchemaMigrator m = migrator();
        Status st = m.status();
        refuseUnknownRevision(st, "migrate-dry-run");
        if (st.current() != null && Revisions.indexOf(to) < Revisions.indexOf(st.current())) {
            throw new IgemException("database is at " + st.current().alembicId() + ", newer than target " + to.alembicId()
                    + "; downgrades are not supported, so there is no SQL to render");
        }
        // A Python igem-server database is rendered from the revision it would be adopted at.
        Revision from = st.current() != null ? st.current() : st.adoptable().orElse(null);
        return m.dryRun(from, to);
    }

    /**
     * Exports every table (or {@code options.tables()}) into a Parquet snapshot directory with its
     * manifest.json, all read at one point in time; see {@link org.igem.export.Exporter}.
     */
    public org.igem.export.ExportResult export(org.igem.export.ExportOptions options) {
        requireSql("export");
        requireExistingSqlite();
        return new org.igem.export.Exporter(dataSource(), target, progress).run(options);
    }

    /**
     * DEVELOPMENT ONLY: adds {@code entities} synthetic entities and their aliases (deterministic
     * for {@code seed}); see {@link org.igem.nlp.SyntheticVocabulary}.
     */
    public org.igem.nlp.SyntheticVocabulary.Result generateSynthetic(int entities, long seed) {
        requireSql("dev generate");
        requireExistingSqlite();
        return org.igem.nlp.SyntheticVocabulary.generate(dataSource(), target, entities, seed, progress);
    }

    // ---------------------------------------------------------------- exploring (CLI, DSL, JShell)

    /** A table and its row count. */
    public record TableInfo(String name, long rows) {
    }

    /** Column names and row values, as read from a table or a query. */
    public record Rows(List<String> columns, List<List<Object>> rows) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.join(" | ", columns));
            rows.forEach(r -> sb.append('\n').append(String.join(" | ", r.stream().map(String::valueOf).toList())));
            return sb.toString();
        }
    }

    /** Every table with its row count (a snapshot: from its manifest; SQL: counted). */
    public List<TableInfo> tables() {
        if (target.isSnapshot()) {
            return snapshotManifest().tables().entrySet().stream()
                    .map(e -> new TableInfo(e.getKey(), e.getValue().rows())).toList();
        }
        requireExistingSqlite();
        return Databases.withConnection(dataSource(), target, c -> {
            List<TableInfo> out = new java.util.ArrayList<>();
            for (String t : org.igem.sql.Catalog.tableNames(c, target.isPostgres())) {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM " + org.igem.sql.Catalog.quote(t))) {
                    rs.next();
                    out.add(new TableInfo(t, rs.getLong(1)));
                }
            }
            return out;
        });
    }

    /** The first {@code limit} rows of {@code table} (a snapshot's Parquet file, or the SQL table). */
    public Rows head(String table, int limit) {
        if (limit < 0) {
            throw IgemException.usage("limit must not be negative");
        }
        if (target.isSnapshot()) {
            Manifest mf = snapshotManifest();
            Manifest.TableEntry e = mf.tables().get(table);
            if (e == null) {
                throw new IgemException("unknown table '" + table + "' in snapshot " + target.path());
            }
            try (var reader = org.igem.parquet.ParquetTableReader.open(target.path().resolve(e.file()))) {
                return new Rows(reader.columnNames(), reader.head(limit).stream().map(java.util.Arrays::asList).toList());
            }
        }
        requireExistingSqlite();
        return Databases.withConnection(dataSource(), target, c -> {
            if (!org.igem.sql.Catalog.tableNames(c, target.isPostgres()).contains(table)) {
                throw new IgemException("unknown table '" + table + "' in " + target.display());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + org.igem.sql.Catalog.quote(table) + " LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return rows(rs, limit);
                }
            }
        });
    }

    /**
     * Runs one read-only query and returns up to {@code maxRows} rows. Any URI kind: a snapshot through DuckDB
     * (one view per table; the driver is fetched once on first use, see {@link org.igem.query.DuckDbJar}),
     * PostgreSQL in a READ ONLY transaction, SQLite opened read-only; writes, file access and configuration
     * changes are refused by the engine.
     */
    public Rows query(String sql, int maxRows) {
        List<List<Object>> out = new java.util.ArrayList<>();
        org.igem.query.QueryResult r = query(sql, maxRows, false, new org.igem.query.RowSink() {
            @Override
            public void columns(List<org.igem.query.Column> columns) {
            }

            @Override
            public void row(Object[] values) {
                out.add(java.util.Arrays.asList(values));
            }
        });
        return new Rows(r.columns().stream().map(org.igem.query.Column::name).toList(), out);
    }

    public Rows query(String sql) {
        return query(sql, 1000);
    }

    /**
     * Streams the result of one read-only query into {@code sink}: at most {@code maxRows} rows ({@code <= 0}:
     * all); with {@code countRest} the rows beyond the limit are counted ({@link org.igem.query.QueryResult#more()}).
     */
    public org.igem.query.QueryResult query(String sql, long maxRows, boolean countRest, org.igem.query.RowSink sink) {
        if (sql == null || sql.isBlank()) {
            throw IgemException.usage("no SQL given");
        }
        java.sql.Connection c;
        if (target.isSnapshot()) {
            org.igem.snapshot.Snapshot snap = snapshot();
            // the one "fetching DuckDB" line: to the progress listener when there is one, else to stderr
            java.sql.Driver duck = new org.igem.query.DuckDbJar(env).driver(progressSet ? progress : System.err::println);
            c = org.igem.query.SnapshotSql.open(snap, duck, env, progress);
        } else {
            requireExistingSqlite();
            c = org.igem.query.ReadOnlySql.open(target, settings, sql);
        }
        try {
            return org.igem.query.SqlQuery.run(c, sql, maxRows, countRest, sink);
        } finally {
            org.igem.query.ReadOnlySql.close(c);
        }
    }

    /** Streams the whole result of {@code sql} into {@code file} (temporary name, renamed last) in {@code format}. */
    public org.igem.query.QueryResult queryTo(String sql, Path file, org.igem.query.ResultFormat format) {
        return org.igem.query.ResultFiles.write(file, format, sink -> query(sql, 0, false, sink));
    }

    private static Rows rows(ResultSet rs, int limit) throws SQLException {
        java.sql.ResultSetMetaData md = rs.getMetaData();
        List<String> cols = new java.util.ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i));
        }
        List<List<Object>> out = new java.util.ArrayList<>();
        while (out.size() < limit && rs.next()) {
            List<Object> r = new java.util.ArrayList<>(cols.size());
            for (int i = 1; i <= cols.size(); i++) {
                r.add(rs.getObject(i));
            }
            out.add(r);
        }
        return new Rows(cols, out);
    }

    /** The snapshot's manifest, validated, its table files present ({@link org.igem.snapshot.Snapshot#requireTableFiles()}). */
    private Manifest snapshotManifest() {
        return snapshot().manifest();
    }

    /** The snapshot, opened once per call and handed down (its manifest is not read again below). */
    private org.igem.snapshot.Snapshot snapshot() {
        return org.igem.snapshot.Snapshot.open(target.path()).requireTableFiles();
    }

    /**
     * The NLP index of this database: a snapshot's cache (or an in-memory build when it has none or
     * it is broken), or an in-memory build from a SQL database's entity_aliases.
     */
    public org.igem.nlp.NlpIndex nlp() {
        if (target.isSnapshot()) {
            return org.igem.snapshot.SnapshotNlp.open(snapshot(), w -> progress.accept("warning: " + w));
        }
        requireExistingSqlite();
        return Databases.withConnection(dataSource(), target, c -> {
            try (var rows = org.igem.nlp.SqlAliasSource.open(c)) {
                return org.igem.nlp.NlpIndex.build(rows, org.igem.nlp.DictionaryOptions.defaults());
            }
        });
    }

    public Info info() {
        if (target.isSnapshot()) {
            Manifest mf = snapshotManifest();
            return new Info("snapshot", true, target.display(), "parquet", null, null, true, null, null,
                    mf.schemaRevision(), null, target.path().toString(), mf.snapshotVersion(), mf.schemaVersion(),
                    mf.tables().size(), mf.exportedAt(), null, new org.igem.query.DuckDbJar(env).find().describe());
        }
        String host = target.isPostgres() ? target.serverLabel() + (target.isUnixSocket() ? " (Unix socket)" : "") : null;
        String database = target.isPostgres() ? target.database() : target.path().toString();
        if (target.isSqlite() && !Databases.sqliteExists(target)) {
            return new Info("sql", false, target.display(), "sqlite", null, database, false,
                    "file does not exist (run `igem db create`)", null, null, null, target.path().toString(), null, null, null, null, null,
                    null);
        }
        try {
            HikariDataSource ds = dataSource();
            String[] facts = Databases.withConnection(ds, target, c -> {
                DatabaseMetaData md = c.getMetaData();
                String version = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
                return new String[] {version, vectorState(c)};
            });
            Status st = migrator().status();
            String rev = st.versioned() ? st.currentId() : "not versioned";
            return new Info("sql", false, target.display(), target.kind().label(), host, database, true, null, facts[0], rev,
                    facts[1], target.isSqlite() ? target.path().toString() : null, null, null, null, null, null, null);
        } catch (IgemException e) {
            return new Info("sql", false, target.display(), target.kind().label(), host, database, false, e.getMessage(),
                    null, null, null, target.isSqlite() ? target.path().toString() : null, null, null, null, null, e, null);
        }
    }

    private String vectorState(java.sql.Connection c) throws SQLException {
        if (!target.isPostgres()) {
            return "n/a on SQLite (embedding is a plain VECTOR(768) declared column)";
        }
        boolean available;
        boolean installed;
        boolean column;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")) {
                rs.next();
                available = rs.getInt(1) > 0;
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'vector'")) {
                rs.next();
                installed = rs.getInt(1) > 0;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = 'entity_aliases' AND column_name = 'embedding'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                column = rs.getInt(1) > 0;
            }
        }
        if (installed) {
            return "installed; entity_aliases.embedding " + (column ? "vector(768) present" : "not created yet");
        }
        if (available) {
            return "available but not installed; entity_aliases.embedding " + (column ? "present" : "not created");
        }
        return "not available on this server; entity_aliases.embedding not created";
    }

    // ---------------------------------------------------------------- helpers

    private SchemaMigrator migrator() {
        return new SchemaMigrator(dataSource(), target);
    }

    /** The pooled JDBC data source (SQL databases only), opened on first use. */
    public synchronized HikariDataSource dataSource() {
        if (target.isSnapshot()) {
            throw new IgemException(target.display() + " is a read-only snapshot; it has no SQL connection");
        }
        if (dataSource == null) {
            dataSource = Databases.open(target, settings);
        }
        return dataSource;
    }

    private void requireSql(String command) {
        if (target.isSnapshot()) {
            throw new IgemException("db " + command + " needs a writable SQL database, but " + target.display()
                    + " is a read-only Parquet snapshot; pass a postgresql:// or sqlite: URI", IgemException.USAGE, null);
        }
    }

    private void requireExistingSqlite() {
        if (target.isSqlite() && !Databases.sqliteExists(target)) {
            throw new IgemException("SQLite database " + target.path() + " does not exist (run `igem db create` first)");
        }
    }

    private void refuseUnknownRevision(Status st, String command) {
        if (st.state() == Status.State.UNKNOWN_REVISION) {
            throw new IgemException("database records schema version " + st.currentRaw() + ", which this igem "
                    + Version.VERSION + " does not know (newer tool?); refusing to " + command);
        }
    }

    private long sizeOf() {
        try {
            return Files.size(target.path());
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }
}
