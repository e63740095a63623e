package org.igem.seed;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.igem.core.IgemException;
import org.igem.config.DbTarget;
import org.igem.sql.Databases;

/**
 * Loads the canonical reference data (class-path folder {@code igem/seed/}) with an idempotent
 * upsert on each file's key columns: missing rows are inserted, existing rows get every non-null
 * seed value, nothing is ever duplicated. Runs after {@code db create} and every {@code db upgrade}.
 */
public final class Seeder {
    private static final String FOLDER = "igem/seed/";
    private static final ObjectMapper JSON = new ObjectMapper();
    // Serialises concurrent seeders on one PostgreSQL database (e.g. several deploys running db upgrade).
    private static final long PG_LOCK_KEY = 0x16E3_5EED_0001L;

    private final DataSource dataSource;
    private final DbTarget target;

    public Seeder(DataSource dataSource, DbTarget target) {
        this.dataSource = dataSource;
        this.target = target;
    }

    /** One seed file: target table, upsert key, optional name-to-id lookups, rows. */
    record SeedFile(String table, List<String> key, Map<String, Lookup> resolve, List<Map<String, Object>> rows) {
    }

    /** Replace field {@code field} (a name) by {@code column} = id of the row of {@code table} whose {@code match} equals it. */
    record Lookup(String table, String match, String column) {
    }

    public static List<SeedFile> load() {
        JsonNode index = read("index.json");
        List<SeedFile> files = new ArrayList<>();
        for (JsonNode name : index.path("files")) {
            JsonNode f = read(name.asText());
            List<String> key = new ArrayList<>();
            f.path("key").forEach(k -> key.add(k.asText()));
            Map<String, Lookup> resolve = new LinkedHashMap<>();
            f.path("resolve").properties().forEach(e -> resolve.put(e.getKey(), new Lookup(
                    e.getValue().path("table").asText(), e.getValue().path("match").asText(), e.getValue().path("column").asText())));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode r : f.path("rows")) {
                Map<String, Object> row = new LinkedHashMap<>();
                r.properties().forEach(e -> row.put(e.getKey(), value(e.getValue())));
                rows.add(row);
            }
            files.add(new SeedFile(f.path("table").asText(), List.copyOf(key), resolve, rows));
        }
        return files;
    }

    private static Object value(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.asText();
    }

    private static JsonNode read(String name) {
        try (InputStream in = Seeder.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IgemException("seed resource " + FOLDER + name + " is missing from the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IgemException("cannot read seed resource " + FOLDER + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * TEST ONLY: milliseconds to sleep before each seed file, so that specs can deliver a signal while
     * {@code db create} is seeding. Not an operator setting; unset (the default) means no pause.
     */
    public static final String TEST_PAUSE_ENV = "IGEM_TEST_PAUSE_SEED_MS";

    /** Seeds every file in one transaction of its own (re-seeding after {@code db upgrade}). */
    public SeedReport seed(Consumer<String> log) {
        return Databases.withConnection(dataSource, target, conn -> {
            conn.setAutoCommit(false);
            try {
                SeedReport r = seed(conn, log);
                conn.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        });
    }

    /**
     * Seeds every file on {@code conn}, inside the caller's transaction: no commit here, so
     * {@code db create} commits schema, seeds and stamp together.
     */
    public SeedReport seed(Connection conn, Consumer<String> log) throws SQLException {
        if (target.isPostgres()) {
            try (PreparedStatement lock = conn.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, PG_LOCK_KEY);
                lock.execute();
            }
        }
        long pause = testPause();
        List<SeedReport.TableCounts> counts = new ArrayList<>();
        for (SeedFile file : load()) {
            if (pause > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IgemException("interrupted while seeding", e);
                }
            }
            SeedReport.TableCounts c = seedFile(conn, file);
            log.accept(String.format(Locale.ROOT, "  %-28s created=%d updated=%d unchanged=%d skipped=%d",
                    c.table(), c.created(), c.updated(), c.unchanged(), c.skipped()));
            counts.add(c);
        }
        return new SeedReport(List.copyOf(counts));
    }

    private static long testPause() {
        String v = System.getenv(TEST_PAUSE_ENV);
        try {
            return v == null || v.isBlank() ? 0 : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private SeedReport.TableCounts seedFile(Connection conn, SeedFile file) throws SQLException {
        Set<String> columns = columnsOf(conn, file.table());
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int skipped = 0;
        for (Map<String, Object> seedRow : file.rows()) {
            Map<String, Object> row = resolve(conn, file, seedRow);
            if (row == null || file.key().stream().anyMatch(k -> row.get(k) == null)) {
                skipped++;
                continue;
            }
            Map<String, Object> existing = find(conn, file, row);
            if (existing == null) {
                insert(conn, file.table(), row);
                created++;
            } else {
                Map<String, Object> changes = new LinkedHashMap<>();
                row.forEach((k, v) -> {
                    if (v != null && !sameValue(v, existing.get(k))) {
                        changes.put(k, v);
                    }
                });
                if (changes.isEmpty()) {
                    unchanged++;
                } else {
                    update(conn, file, row, changes, columns.contains("updated_at"));
                    updated++;
                }
            }
        }
        if (target.isPostgres() && columns.contains("id")) {
            advanceSequence(conn, file.table());
        }
        return new SeedReport.TableCounts(file.table(), created, updated, unchanged, skipped);
    }

    /** Applies the file's lookups; null when a referenced row is missing (the record is skipped). */
    private Map<String, Object> resolve(Connection conn, SeedFile file, Map<String, Object> seedRow) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>(seedRow);
        for (var e : file.resolve().entrySet()) {
            Object name = row.remove(e.getKey());
            if (name == null) {
                continue;
            }
            Lookup l = e.getValue();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT id FROM " + q(l.table()) + " WHERE " + q(l.match()) + " = ?")) {
                bind(ps, 1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    row.put(l.column(), rs.getInt(1));
                }
            }
        }
        return row;
    }

    private Map<String, Object> find(Connection conn, SeedFile file, Map<String, Object> row) throws SQLException {
        String where = String.join(" AND ", file.key().stream().map(k -> q(k) + " = ?").toList());
        try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM " + q(file.table()) + " WHERE " + where)) {
            int i = 1;
            for (String k : file.key()) {
                bind(ps, i++, row.get(k));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> found = new LinkedHashMap<>();
                ResultSetMetaData md = rs.getMetaData();
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    found.put(md.getColumnName(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                }
                if (rs.next()) {
                    throw new IgemException("seeding " + file.table() + ": more than one row has " + file.key() + " = "
                            + file.key().stream().map(row::get).toList());
                }
                return found;
            }
        }
    }

    private void insert(Connection conn, String table, Map<String, Object> row) throws SQLException {
        List<String> cols = new ArrayList<>(row.keySet());
        String sql = "INSERT INTO " + q(table) + " (" + String.join(", ", cols.stream().map(Seeder::q).toList())
                + ") VALUES (" + String.join(", ", cols.stream().map(c -> "?").toList()) + ")";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            for (String c : cols) {
                bind(ps, i++, row.get(c));
            }
            ps.executeUpdate();
        }
    }

    private void update(Connection conn, SeedFile file, Map<String, Object> row, Map<String, Object> changes,
                        boolean touchUpdatedAt) throws SQLException {
        List<String> sets = new ArrayList<>(changes.keySet().stream().map(k -> q(k) + " = ?").toList());
        if (touchUpdatedAt) {
            sets.add("updated_at = CURRENT_TIMESTAMP");
        }
        String where = String.join(" AND ", file.key().stream().map(k -> q(k) + " = ?").toList());
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE " + q(file.table()) + " SET " + String.join(", ", sets) + " WHERE " + where)) {
            int i = 1;
            for (Object v : changes.values()) {
                bind(ps, i++, v);
            }
            for (String k : file.key()) {
                bind(ps, i++, row.get(k));
            }
            ps.executeUpdate();
        }
    }

    /** Explicit ids do not move a PostgreSQL sequence; without this the next plain insert would collide. */
    private void advanceSequence(Connection conn, String table) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_get_serial_sequence('" + table + "', 'id')")) {
            if (!rs.next() || rs.getString(1) == null) {
                return;
            }
        }
        try (Statement st = conn.createStatement()) {
            st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                    + "COALESCE((SELECT MAX(id) FROM " + q(table) + "), 0) + 1, false)");
        }
    }

    private Set<String> columnsOf(Connection conn, String table) throws SQLException {
        Set<String> cols = new HashSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + q(table) + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                cols.add(md.getColumnName(c).toLowerCase(Locale.ROOT));
            }
        }
        return cols;
    }

    private void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v instanceof String s && target.isPostgres()) {
            // Untyped so PostgreSQL casts it to the column's type (the enum columns reject varchar parameters).
            ps.setObject(i, s, Types.OTHER);
        } else {
            ps.setObject(i, v);
        }
    }

    /** Compares a seed value with what the database returned (SQLite gives booleans back as integers). */
    static boolean sameValue(Object seed, Object db) {
        if (db == null) {
            return false;
        }
        if (seed instanceof Boolean b) {
            if (db instanceof Boolean d) {
                return b.equals(d);
            }
            if (db instanceof Number n) {
                return (n.intValue() != 0) == b;
            }
            return String.valueOf(db).equals(b ? "1" : "0") || String.valueOf(db).equalsIgnoreCase(b.toString());
        }
        if (seed instanceof Number s && db instanceof Number d) {
            return s.longValue() == d.longValue() && s.doubleValue() == d.doubleValue();
        }
        return Objects.equals(String.valueOf(seed), String.valueOf(db));
    }

    static String q(String identifier) {
        return org.igem.sql.Catalog.quote(identifier);
    }
}
