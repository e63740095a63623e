package org.igem;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.igem.config.DbTarget;
import org.igem.core.IgemException;
import org.igem.export.ExportOptions;
import org.igem.export.ExportResult;
import org.igem.migrate.CreateResult;
import org.igem.migrate.DryRun;
import org.igem.migrate.StampResult;
import org.igem.migrate.Status;
import org.igem.migrate.UpgradeResult;
import org.igem.nlp.NlpIndex;
import org.igem.nlp.SyntheticVocabulary;
import org.igem.query.Column;
import org.igem.query.QueryResult;
import org.igem.query.ReadOnlySql;
import org.igem.query.ResultFiles;
import org.igem.query.ResultFormat;
import org.igem.query.RowSink;
import org.igem.query.SqlQuery;

/**
 * One IGEM database or snapshot. Methods return typed results that the CLI prints, the DSL
 * chains and JShell inspects. Immutable: progress lines go to the listener fixed with
 * {@link #withProgress}, which returns a new façade over the same backend (and its connection
 * pool); this one reports nothing. Each call is dispatched to the SQL or the snapshot backend.
 */
public final class IgemDb implements AutoCloseable {
    private static final Consumer<String> SILENT = line -> { };

    private final Backend backend;
    /** null: no listener (progress dropped; the one "fetching DuckDB" notice goes to stderr). */
    private final Consumer<String> listener;

    IgemDb(Backend backend, Consumer<String> listener) {
        this.backend = backend;
        this.listener = listener;
    }

    public DbTarget target() {
        return backend.target();
    }

    /**
     * This database with progress lines ("Applying migrations...", per-table seed counts) going to
     * {@code listener} (null: nowhere). The two share one backend: closing either closes the pool.
     */
    public IgemDb withProgress(Consumer<String> listener) {
        return new IgemDb(backend, listener);
    }

    private Consumer<String> progress() {
        return listener == null ? SILENT : listener;
    }

    // ---------------------------------------------------------------- schema commands (rules: org.igem.migrate)

    public Status status() {
        return backend.status();
    }

    /**
     * Creates the database if needed, applies every migration, seeds, and records the head revision;
     * see {@link org.igem.migrate.DbCreate}. An existing database is refused unless {@code overwrite}.
     */
    public CreateResult create(boolean overwrite) {
        return create(overwrite, null);
    }

    /**
     * As {@link #create(boolean)}, but stops at {@code toRevision} (null = head): a database at an
     * older revision, for rehearsing an upgrade before running it on production.
     */
    public CreateResult create(boolean overwrite, String toRevision) {
        return backend.create(overwrite, toRevision, progress());
    }

    /** Applies pending migrations (all in one transaction) and re-seeds; see {@link org.igem.migrate.DbUpgrade}. */
    public UpgradeResult upgrade() {
        return upgrade(null);
    }

    public UpgradeResult upgrade(String toRevision) {
        return backend.upgrade(toRevision, progress());
    }

    /** Records head without DDL, or adopts a Python igem-server database; see {@link org.igem.migrate.DbStamp}. */
    public StampResult stampHead(boolean force) {
        return backend.stampHead(force);
    }

    /** The SQL {@code db upgrade} would run up to {@code toRevision} (null = head). Executes nothing. */
    public DryRun dryRun(String toRevision) {
        return backend.dryRun(toRevision);
    }

    /**
     * Exports every table (or {@code options.tables()}) into a Parquet snapshot directory with its
     * manifest.json, all read at one point in time; see {@link org.igem.export.Exporter}.
     */
    public ExportResult export(ExportOptions options) {
        return backend.export(options, progress());
    }

    /**
     * DEVELOPMENT ONLY: adds {@code entities} synthetic entities and their aliases (deterministic
     * for {@code seed}); see {@link SyntheticVocabulary}.
     */
    public SyntheticVocabulary.Result generateSynthetic(int entities, long seed) {
        return backend.generateSynthetic(entities, seed, progress());
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
        return backend.tables();
    }

    /** The first {@code limit} rows of {@code table} (a snapshot's Parquet file, or the SQL table). */
    public Rows head(String table, int limit) {
        if (limit < 0) {
            throw IgemException.usage("limit must not be negative");
        }
        return backend.head(table, limit);
    }

    /**
     * Runs one read-only query and returns up to {@code maxRows} rows. Any URI kind: a snapshot through DuckDB
     * (one view per table; the driver is fetched once on first use, see {@link org.igem.query.DuckDbJar}),
     * PostgreSQL in a READ ONLY transaction, SQLite opened read-only; writes, file access and configuration
     * changes are refused by the engine.
     */
    public Rows query(String sql, int maxRows) {
        List<List<Object>> out = new java.util.ArrayList<>();
        QueryResult r = query(sql, maxRows, false, new RowSink() {
            @Override
            public void columns(List<Column> columns) {
            }

            @Override
            public void row(Object[] values) {
                out.add(java.util.Arrays.asList(values));
            }
        });
        return new Rows(r.columns().stream().map(Column::name).toList(), out);
    }

    public Rows query(String sql) {
        return query(sql, 1000);
    }

    /**
     * Streams the result of one read-only query into {@code sink}: at most {@code maxRows} rows ({@code <= 0}:
     * all); with {@code countRest} the rows beyond the limit are counted ({@link QueryResult#more()}).
     */
    public QueryResult query(String sql, long maxRows, boolean countRest, RowSink sink) {
        if (sql == null || sql.isBlank()) {
            throw IgemException.usage("no SQL given");
        }
        // the one "fetching DuckDB" line: to the progress listener when there is one, else to stderr
        java.sql.Connection c = backend.openQuery(sql, progress(), listener != null ? listener : System.err::println);
        try {
            return SqlQuery.run(c, sql, maxRows, countRest, sink);
        } finally {
            ReadOnlySql.close(c);
        }
    }

    /** Streams the whole result of {@code sql} into {@code file} (temporary name, renamed last) in {@code format}. */
    public QueryResult queryTo(String sql, Path file, ResultFormat format) {
        return ResultFiles.write(file, format, sink -> query(sql, 0, false, sink));
    }

    /**
     * The NLP index of this database: a snapshot's cache (or an in-memory build when it has none or
     * it is broken), or an in-memory build from a SQL database's entity_aliases.
     */
    public NlpIndex nlp() {
        return backend.nlp(progress());
    }

    /** {@code db info}: a {@link SqlInfo} or a {@link SnapshotInfo}. An unreachable SQL database is reported, not thrown. */
    public Info info() {
        return backend.info();
    }

    /** The pooled JDBC data source (SQL databases only), opened on first use. */
    public HikariDataSource dataSource() {
        return backend.dataSource();
    }

    /** Closes the backend's pool (shared with every {@link #withProgress} copy); a later call reopens it. */
    @Override
    public void close() {
        backend.close();
    }
}
