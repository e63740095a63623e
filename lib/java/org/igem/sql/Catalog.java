package org.igem.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IGEM tables of a database as users see them: no schema bookkeeping (Flyway's history, Alembic's
 * {@code alembic_version}), no PostgreSQL partition children.
 */
public final class Catalog {
    /** Flyway's schema history (the migrator's bookkeeping; named here so the catalog can leave it out). */
    public static final String FLYWAY_HISTORY_TABLE = "flyway_schema_history";
    /** The Python igem-server's Alembic revision table, kept in step by the migrator. */
    public static final String ALEMBIC_VERSION_TABLE = "alembic_version";

    private Catalog() {
    }

    /** Sorted names of the user tables (partitioned parents count once). */
    public static Set<String> tableNames(Connection c, boolean postgres) throws SQLException {
        String sql = postgres
                ? "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
                        + "AND c.relname NOT IN (?, ?)"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN (?, ?)";
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, FLYWAY_HISTORY_TABLE);
            ps.setString(2, ALEMBIC_VERSION_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Whether a table (any table, the schema history included) exists in the current schema. */
    public static boolean tableExists(Connection c, boolean postgres, String name) throws SQLException {
        String sql = postgres
                ? "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')"
                : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A double-quoted SQL identifier (both back ends). */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
