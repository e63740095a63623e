package org.igem.export;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.igem.core.IgemException;
import org.igem.core.LocalFiles;
import org.igem.config.DbTarget;
import org.igem.migrate.SchemaMigrator;
import org.igem.sql.Catalog;
import org.igem.migrate.Status;
import org.igem.sql.Databases;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.PGStatement;
import org.igem.parquet.HashingOutputFile;
import org.igem.parquet.ParquetCodecs;
import org.igem.parquet.ParquetTableWriter;
import org.igem.parquet.ExportColumn;
import org.igem.parquet.RowBatch;
import org.igem.snapshot.SnapshotNlp;
import org.igem.snapshot.Manifest;
import org.igem.snapshot.ManifestWriter;
import org.igem.snapshot.SnapshotLock;

/**
 * {@code db export}: streams the tables of a PostgreSQL or SQLite database into a Parquet snapshot
 * directory ({@code <table>.parquet} + manifest.json).
 *
 * <ul>
 * <li>One point in time: every table is read inside ONE read-only transaction (PostgreSQL:
 *     REPEATABLE READ; SQLite: one read transaction, a WAL snapshot), and PostgreSQL reads go
 *     through a server-side cursor (at most {@code --chunksize} and 10 000 rows per round trip), so
 *     memory stays flat. One thread reads while another encodes the Parquet pages.</li>
 * <li>Tables: the database's user tables except {@code flyway_schema_history}; a partitioned
 *     PostgreSQL table is one table (its partitions are not listed). Names from {@code --tables} /
 *     {@code --exclude} must be among them and are only ever used as quoted identifiers.</li>
 * <li>Deterministic: rows ordered by primary key (all columns when there is none), no varying
 *     metadata in the files, so the same content gives byte-identical files and hashes.</li>
 * <li>Atomic: each file is written as {@code .<table>.parquet.part} and renamed when complete;
 *     manifest.json is written last, also via a temporary file and a rename. With overwrite an old
 *     manifest.json is removed before anything else is written, so an interrupted export never
 *     leaves a directory that looks complete.</li>
 * </ul>
 */
public final class Exporter {
    /** Table names that can safely be a file name (every IGEM table qualifies). */
    private static final Pattern FILE_SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");
    static final String PART_PREFIX = ".";
    static final String PART_SUFFIX = ".parquet.part";
    /**
     * Upper bound of the rows per cursor round trip. The driver keeps a whole fetch alive, so under
     * -Xmx256m 50 000 rows (~20 MB of small objects) made G1 copy and promote them on nearly every
     * young collection (4x the collections, seconds of pauses); round trips are cheap next to that.
     */
    static final int FETCH_ROWS_MAX = 10_000;
    /** Rows per batch handed from the reading to the encoding thread, and batches in circulation. */
    static final int BATCH_ROWS = 4096;
    static final int PIPELINE_BATCHES = 4;
    /** PostgreSQL string types pgjdbc never receives in binary format. */
    private static final Set<String> TEXT_FORMAT_TYPES = Set.of("text", "character varying", "character", "json",
            "jsonb", "xml");

    private final DataSource dataSource;
    private final DbTarget target;
    private final Consumer<String> progress;

    public Exporter(DataSource dataSource, DbTarget target, Consumer<String> progress) {
        this.dataSource = dataSource;
        this.target = target;
        this.progress = progress == null ? line -> { } : progress;
    }

    public ExportResult run(ExportOptions o) {
        validate(o);
        Path out = o.output().toAbsolutePath().normalize();
        checkOutput(out, o.overwrite());
        // one writer per directory for the whole run; the checks are repeated under the lock (another
        // export may have filled the directory meanwhile)
        try (SnapshotLock lock = SnapshotLock.acquire(out, "db export")) {
            checkOutput(out, o.overwrite());
            return runLocked(o, out);
        }
    }

    private ExportResult runLocked(ExportOptions o, Path out) {
        // the caches in nlp/ are checked against the new tables at the end
        Map<String, Object> previous = o.overwrite() ? SnapshotNlp.readManifestQuietly(out) : null;
        String label = o.version() != null ? o.version().trim() : LocalDate.now(ZoneOffset.UTC).toString();
        // Flyway reads the history on a connection of its own: before ours (the SQLite pool has one).
        Status status = new SchemaMigrator(dataSource, target).status();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();

        List<ExportResult.TableResult> results = new ArrayList<>();
        String schemaVersion;
        String revision;
        ParquetCodecs codecs = new ParquetCodecs();
        try (Connection c = dataSource.getConnection()) {
            beginSnapshot(c);
            try {
                Map<String, List<ExportColumn>> columns = columns(c);
                List<String> selected = select(new ArrayList<>(columns.keySet()), o);
                String[] meta = metadata(c, columns);
                schemaVersion = meta[0] != null ? meta[0] : "unknown";
                revision = status.versioned() && status.currentId() != null ? status.currentId()
                        : meta[1] != null ? meta[1] : "unknown";
                Map<String, List<String>> keys = primaryKeys(c);

                prepareOutput(out, o.overwrite(), selected);
                progress.accept("Exporting " + selected.size() + " table(s) from " + target.describe() + " to " + out
                        + " (" + o.compression().label() + ", chunksize " + o.chunksize() + ")...");
                for (String table : selected) {
                    ExportResult.TableResult r = exportTable(c, table, columns.get(table),
                            keys.getOrDefault(table, List.of()), out, o, codecs);
                    results.add(r);
                    o.progress().tableDone(r);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw Databases.translate(target, e);
        } finally {
            codecs.release();
        }

        double duration = Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
        ExportResult result = new ExportResult(out, out.resolve(Manifest.FILE_NAME), label, schemaVersion, revision,
                startedAt.toString(), duration, o.compression(), o.chunksize(), ExportResult.byName(results));
        try {
            Map<String, Object> manifest = ExportManifest.toMap(result, source());
            SnapshotNlp.reconcile(out, manifest, previous, progress);
            ManifestWriter.write(out, manifest);
        } catch (IOException e) {
            throw new IgemException("cannot write " + out.resolve(Manifest.FILE_NAME) + ": " + e.getMessage(), e);
        }
        return result;
    }

    // ---------------------------------------------------------------- options and output directory

    private static void validate(ExportOptions o) {
        if (o.output() == null) {
            throw IgemException.usage("db export needs --output <dir>");
        }
        if (o.chunksize() <= 0) {
            throw IgemException.usage("--chunksize must be greater than 0 (got " + o.chunksize() + ")");
        }
        if (o.version() != null && o.version().isBlank()) {
            throw IgemException.usage("--version must not be empty");
        }
    }

    /** Refuses what can be refused before connecting: a file in the way, a missing parent, a non-empty directory. */
    private static void checkOutput(Path out, boolean overwrite) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IgemException("output " + out + " exists and is not a directory");
        }
        if (Files.isDirectory(out)) {
            if (!overwrite && !isEmpty(out)) {
                throw new IgemException("output directory " + out + " is not empty; use --overwrite to export into it "
                        + "(its manifest.json is replaced and table files are rewritten)");
            }
            return;
        }
        Path parent = out.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IgemException("cannot create output directory " + out + ": parent directory " + parent
                    + " does not exist");
        }
    }

    private static boolean isEmpty(Path dir) {
        // the lock file (ours, or a stale one of a killed run) does not count
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> !p.getFileName().toString().equals(SnapshotLock.FILE_NAME))) {
            return !ds.iterator().hasNext();
        } catch (IOException e) {
            throw new IgemException("cannot read output directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates the directory, or (overwrite) removes the old manifest and leftover temporary files FIRST. */
    private static void prepareOutput(Path out, boolean overwrite, List<String> tables) {
        try {
            if (!Files.isDirectory(out)) {
                Files.createDirectory(out);
                return;
            }
            if (overwrite) {
                Files.deleteIfExists(out.resolve(Manifest.FILE_NAME));
                LocalFiles.syncDirectory(out);
                Files.deleteIfExists(out.resolve(ManifestWriter.TEMP_NAME));
                for (String t : tables) {
                    Files.deleteIfExists(partFile(out, t));
                }
            }
        } catch (IOException e) {
            throw new IgemException("cannot prepare output directory " + out + ": " + e.getMessage(), e);
        }
    }

    static Path partFile(Path out, String table) {
        return out.resolve(PART_PREFIX + table + PART_SUFFIX);
    }

    // ---------------------------------------------------------------- catalog

    /** PostgreSQL: REPEATABLE READ, read only, no autocommit (server-side cursors); SQLite: one read transaction. */
    private void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        if (target.isPostgres()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection goes back to the pool, which rolls back too
        }
    }

    /**
     * Every exportable table with its columns, in name order. PostgreSQL: ordinary and partitioned
     * tables of the current schema, not partitions; SQLite: the tables of the main database.
     */
    private Map<String, List<ExportColumn>> columns(Connection c) throws SQLException {
        Map<String, List<ExportColumn>> result = new LinkedHashMap<>();
        if (target.isPostgres()) {
            Set<String> names = Catalog.tableNames(c, true);
            names.forEach(n -> result.put(n, new ArrayList<>()));
            String colsSql = "SELECT table_name, column_name, data_type, udt_name, numeric_precision, numeric_scale, "
                    + "is_nullable FROM information_schema.columns WHERE table_schema = current_schema() "
                    + "ORDER BY table_name, ordinal_position";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(colsSql)) {
                while (rs.next()) {
                    List<ExportColumn> cols = result.get(rs.getString(1));
                    if (cols != null) {
                        cols.add(ExportColumn.postgres(rs.getString(2), rs.getString(3), rs.getString(4),
                                (Integer) rs.getObject(5), (Integer) rs.getObject(6), "YES".equals(rs.getString(7))));
                    }
                }
            }
        } else {
            Set<String> names = Catalog.tableNames(c, false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid")) {
                for (String n : names) {
                    List<ExportColumn> cols = new ArrayList<>();
                    ps.setString(1, n);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            // SQLite lets a non-INTEGER primary key hold NULL unless declared NOT NULL.
                            cols.add(ExportColumn.sqlite(rs.getString(1), rs.getString(2), rs.getInt(3) == 0));
                        }
                    }
                    result.put(n, cols);
                }
            }
        }
        return result;
    }

    /** Primary key columns of every table, in key order. */
    private Map<String, List<String>> primaryKeys(Connection c) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (target.isPostgres()) {
            String sql = "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) "
                    + "WHERE i.indisprimary AND n.nspname = current_schema() AND NOT c.relispartition "
                    + "ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        } else {
            List<String> tables = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk")) {
                for (String t : tables) {
                    ps.setString(1, t);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            keys.computeIfAbsent(t, k -> new ArrayList<>()).add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return keys;
    }

    /** schema_version and schema_revision of igem_metadata's first row (nulls when there is none). */
    private static String[] metadata(Connection c, Map<String, List<ExportColumn>> columns) throws SQLException {
        List<ExportColumn> cols = columns.get("igem_metadata");
        if (cols == null) {
            return new String[2];
        }
        Set<String> names = cols.stream().map(ExportColumn::name).collect(Collectors.toSet());
        if (!names.contains("schema_version") || !names.contains("id")) {
            return new String[2];
        }
        String sql = "SELECT schema_version, " + (names.contains("schema_revision") ? "schema_revision" : "NULL")
                + " FROM igem_metadata ORDER BY id LIMIT 1";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return new String[2];
            }
            String v = rs.getString(1);
            String r = rs.getString(2);
            return new String[] {v == null || v.isBlank() ? null : v, r == null || r.isBlank() ? null : r};
        }
    }

    /** The tables to export, in name order: all (or --tables) minus --exclude; unknown names are a usage error. */
    static List<String> select(List<String> all, ExportOptions o) {
        Set<String> known = new LinkedHashSet<>(all);
        List<String> unknown = new ArrayList<>();
        for (String n : concat(o.tables(), o.exclude())) {
            if (!known.contains(n) && !unknown.contains(n)) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw IgemException.usage("unknown table" + (unknown.size() > 1 ? "s" : "") + ": "
                    + unknown.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
                    + " (not a table of this database)");
        }
        Set<String> chosen = new TreeSet<>(o.tables().isEmpty() ? all : o.tables());
        chosen.removeAll(o.exclude());
        if (chosen.isEmpty()) {
            throw IgemException.usage(all.isEmpty() ? "the database has no tables to export (run `igem db create` first)"
                    : "no tables left to export after --tables/--exclude");
        }
        for (String t : chosen) {
            if (!FILE_SAFE.matcher(t).matches()) {
                throw new IgemException("table name '" + t + "' cannot be used as a file name; exclude it with --exclude");
            }
        }
        return new ArrayList<>(chosen);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---------------------------------------------------------------- one table

    private ExportResult.TableResult exportTable(Connection c, String table, List<ExportColumn> columns, List<String> key,
                                                 Path out, ExportOptions o, ParquetCodecs codecs) throws SQLException {
        if (columns.isEmpty()) {
            throw new IgemException("table " + table + " has no columns; Parquet cannot represent it");
        }
        String sql = "SELECT " + columns.stream().map(col -> quote(col.name())).collect(Collectors.joining(", "))
                + " FROM " + quote(table) + " ORDER BY " + orderBy(columns, key);
        Path part = partFile(out, table);
        String fileName = table + ".parquet";
        HashingOutputFile file = new HashingOutputFile(part);
        long rows;
        boolean done = false;
        try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(Math.min(o.chunksize(), FETCH_ROWS_MAX));
            if (target.isPostgres() && binarySafe(columns)) {
                // Server-prepare on the first execution: only then does pgjdbc ask for binary results, which
                // spares PostgreSQL's text output and the driver's parsing of numbers, dates and timestamps.
                st.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            Files.deleteIfExists(part);
            ParquetTableWriter writer = new ParquetTableWriter(columns, file, o.compression().codec(), codecs,
                    o.chunksize());
            o.progress().tableStarted(table, estimatedRows(c, table));
            ExportPipeline pipe = null;
            try (ResultSet rs = st.executeQuery(sql)) {
                RowReader reader = new RowReader(table, columns, target.isSqlite(), utf8Columns(rs, columns));
                pipe = new ExportPipeline("igem-export-" + table, PIPELINE_BATCHES,
                        () -> new RowBatch(columns, BATCH_ROWS), writer::write);
                RowBatch batch = pipe.take();
                long n = 0;
                while (rs.next()) {
                    reader.read(rs, batch);
                    if (batch.full()) {
                        pipe.submit(batch);
                        batch = pipe.take();
                    }
                    if (++n % o.chunksize() == 0) {
                        o.progress().rowsWritten(table, n);
                    }
                }
                pipe.submit(batch);
                pipe.finish();
                writer.close();
                rows = writer.rows();
            } catch (Throwable e) {
                if (pipe != null) {
                    pipe.abort();
                }
                writer.abort();
                throw e;
            }
            LocalFiles.moveReplacing(part, out.resolve(fileName));
            done = true;
        } catch (IOException e) {
            throw new IgemException("cannot write " + out.resolve(fileName) + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                cleanup(file, part);
            }
        }
        return new ExportResult.TableResult(table, fileName, rows, file.size(), file.sha256(), List.copyOf(columns));
    }

    /**
     * True when every column reads the same in pgjdbc's binary and text formats: the typed getters the
     * export uses for numbers, dates, timestamps and bytea return equal values either way, and the string
     * types listed here are never sent in binary. Other string-kind types (arrays, uuid, time, point, ...)
     * would come back binary and render differently through getString, so such tables stay in text.
     */
    static boolean binarySafe(List<ExportColumn> columns) {
        return columns.stream().allMatch(col -> col.kind() != ExportColumn.Kind.STRING
                || TEXT_FORMAT_TYPES.contains(col.sqlType()) || col.userDefined());
    }

    /**
     * Per column: a PostgreSQL string column the driver holds as the UTF-8 bytes of its text form
     * (pgjdbc always talks UTF-8), so they can go to Parquet as they are.
     */
    private boolean[] utf8Columns(ResultSet rs, List<ExportColumn> columns) throws SQLException {
        boolean[] utf8 = new boolean[columns.size()];
        if (target.isPostgres()) {
            PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
            for (int i = 0; i < utf8.length; i++) {
                utf8[i] = columns.get(i).kind() == ExportColumn.Kind.STRING && md.getFormat(i + 1) == 0;
            }
        }
        return utf8;
    }

    /** The planner's row estimate (PostgreSQL; partitions summed), -1 when there is none. Never a count(*) scan. */
    private long estimatedRows(Connection c, String table) {
        if (!target.isPostgres()) {
            return -1;
        }
        String sql = "SELECT COALESCE(SUM(GREATEST(k.reltuples, 0)), 0)::bigint FROM pg_class k "
                + "WHERE k.oid = to_regclass(?) OR k.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass(?))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, quote(table));
            ps.setString(2, quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                long n = rs.next() ? rs.getLong(1) : 0;
                return n > 0 ? n : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void cleanup(HashingOutputFile file, Path part) {
        file.discard();
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // nothing more to do; the name marks it as partial
        }
    }

    /** Primary key order; without a key every column (PostgreSQL: as text, which every type has). */
    private String orderBy(List<ExportColumn> columns, List<String> key) {
        if (!key.isEmpty()) {
            return key.stream().map(Exporter::quote).collect(Collectors.joining(", "));
        }
        return columns.stream().map(col -> target.isPostgres() ? quote(col.name()) + "::text" : quote(col.name()))
                .collect(Collectors.joining(", "));
    }

    /** A SQL identifier, quoted (both engines use double quotes, doubled inside). */
    static String quote(String identifier) {
        return Catalog.quote(identifier);
    }

    private ExportManifest.Source source() {
        if (target.isPostgres()) {
            return new ExportManifest.Source("postgresql", target.host(), target.port(), target.database());
        }
        return new ExportManifest.Source("sqlite", null, null, target.path().toAbsolutePath().toString());
    }
}
