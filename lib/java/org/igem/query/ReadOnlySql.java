package org.igem.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.igem.core.IgemException;
import org.igem.config.DbTarget;
import org.igem.sql.ConnectionSettings;
import org.igem.sql.Databases;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteLimits;

/**
 * Read-only connections to the SQL back ends for {@code db query}: a fresh connection (never a pooled one a
 * query could leave changed), PostgreSQL inside a {@code READ ONLY} transaction that is rolled back, SQLite
 * opened read-only with {@code PRAGMA query_only} and no ATTACH.
 */
public final class ReadOnlySql {
    private ReadOnlySql() {
    }

    public static Connection open(DbTarget target, ConnectionSettings settings, String sql) {
        try {
            if (target.isPostgres()) {
                requireOneStatement(sql);
                Connection c = Databases.unpooled(target, settings).getConnection();
                try {
                    c.setAutoCommit(false);
                    c.setReadOnly(true);
                    try (Statement st = c.createStatement()) {
                        // explicit (pgjdbc's readOnly alone depends on its readOnlyMode setting)
                        st.execute("SET TRANSACTION READ ONLY");
                        // a query in the transaction: from now on PostgreSQL refuses SET TRANSACTION READ WRITE
                        st.execute("SELECT 1");
                    }
                    return c;
                } catch (SQLException | RuntimeException e) {
                    c.close();
                    throw e;
                }
            }
            DataSource ds = Databases.unpooled(target, settings);   // prepares sqlite-jdbc's native library
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setReadOnly(true);
            cfg.setBusyTimeout(30_000);
            cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
            SQLiteDataSource ro = new SQLiteDataSource(cfg);
            ro.setUrl(((SQLiteDataSource) ds).getUrl());
            Connection c = ro.getConnection();
            try {
                c.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA query_only = ON");
                }
                return c;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw Databases.translate(target, e);
        }
    }

    /**
     * pgjdbc sends every statement of a multi-statement string, so "...; COMMIT; DROP ..." would leave the
     * read-only transaction: one statement at a time (pgjdbc's own parser knows quotes and comments).
     */
    static void requireOneStatement(String sql) {
        try {
            long n = org.postgresql.core.Parser.parseJdbcSql(sql, true, false, true, false, false).stream()
                    .filter(q -> !q.nativeSql.isBlank()).count();
            if (n > 1) {
                throw new IgemException("query failed: one statement at a time (got " + n + ")");
            }
            // A READ ONLY transaction still lets a superuser COPY a table into a server file: not a query.
            String first = sql.replaceAll("(?s)\\A(\\s|--[^\\n]*(\\n|\\z)|/\\*.*?\\*/|\\()*", "");
            if (first.regionMatches(true, 0, "copy", 0, 4) && (first.length() == 4 || !Character.isLetterOrDigit(first.charAt(4)))) {
                throw new IgemException("query failed: COPY is not a query (db query is read-only; use db export for files)");
            }
        } catch (SQLException e) {
            throw new IgemException("query failed: " + SqlQuery.firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** Ends the query's transaction without keeping anything, and closes the connection. */
    public static void close(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
    }
}
