package org.igem.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.igem.core.IgemException;

/**
 * Runs one read query on an open connection and streams its rows into a {@link RowSink}, with the
 * values normalised so that the same query gives the same Java values on DuckDB (a snapshot),
 * PostgreSQL and SQLite: timestamps as LocalDateTime / OffsetDateTime (µs kept), dates as LocalDate,
 * JSON and other driver objects as their text, arrays as lists.
 */
public final class SqlQuery {
    /** Rows fetched per round trip (PostgreSQL streams through a cursor inside the read-only transaction). */
    static final int FETCH_SIZE = 10_000;

    private SqlQuery() {
    }

    /**
     * Runs {@code sql}; delivers at most {@code maxRows} rows ({@code <= 0}: all) and, when
     * {@code countRest}, counts the rows beyond the limit without keeping them.
     */
    public static QueryResult run(Connection c, String sql, long maxRows, boolean countRest, RowSink sink) {
        long limit = maxRows <= 0 ? Long.MAX_VALUE : maxRows;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH_SIZE);
            boolean hasResult = st.execute(sql);
            if (!hasResult) {
                throw new IgemException("query failed: the statement returns no rows (db query runs queries: SELECT, WITH, "
                        + "VALUES, SHOW, EXPLAIN ...); nothing was kept");
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                // SQLite's INTEGER is 64-bit: name it so (Parquet output sizes its columns by these names)
                boolean sqlite = "SQLite".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
                List<Column> cols = new ArrayList<>(n);
                Kind[] kinds = new Kind[n];
                for (int i = 1; i <= n; i++) {
                    String type = md.getColumnTypeName(i);
                    if (sqlite && "INTEGER".equalsIgnoreCase(type)) {
                        type = "BIGINT";
                    }
                    cols.add(new Column(md.getColumnLabel(i), type));
                    kinds[i - 1] = kind(md.getColumnType(i), type);
                }
                sink.columns(List.copyOf(cols));
                long rows = 0;
                while (rows < limit && rs.next()) {
                    Object[] r = new Object[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = value(rs, i + 1, kinds[i]);
                    }
                    sink.row(r);
                    rows++;
                }
                long more = 0;
                if (countRest && rows == limit) {
                    while (rs.next()) {
                        more++;
                    }
                }
                return new QueryResult(List.copyOf(cols), rows, more);
            }
        } catch (SQLException e) {
            throw new IgemException("query failed: " + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    private enum Kind { PLAIN, TIMESTAMP, TIMESTAMP_TZ, DATE }

    private static Kind kind(int jdbcType, String typeName) {
        String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || t.equals("timestamptz") || t.equals("timestamp with time zone")) {
            return Kind.TIMESTAMP_TZ;
        }
        if (jdbcType == Types.TIMESTAMP || t.equals("timestamp")) {
            return Kind.TIMESTAMP;
        }
        if (jdbcType == Types.DATE) {
            return Kind.DATE;
        }
        return Kind.PLAIN;
    }

    private static Object value(ResultSet rs, int i, Kind kind) throws SQLException {
        Object v;
        try {
            v = switch (kind) {
                case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
                case TIMESTAMP_TZ -> rs.getObject(i, OffsetDateTime.class);
                case DATE -> rs.getObject(i, LocalDate.class);
                case PLAIN -> rs.getObject(i);
            };
        } catch (SQLException | RuntimeException e) {
            // SQLite keeps timestamps as text: what the driver has is what the user gets
            v = rs.getObject(i);
        }
        return normalise(v);
    }

    static Object normalise(Object v) throws SQLException {
        if (v instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(java.time.ZoneOffset.UTC);   // drivers differ in the offset they pick
        }
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String || v instanceof byte[]
                || v instanceof java.time.temporal.Temporal) {
            return v;
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Array a) {
            Object arr = a.getArray();
            List<Object> out = new ArrayList<>();
            for (Object o : arr instanceof Object[] oa ? Arrays.asList(oa) : List.of(arr)) {
                out.add(normalise(o));
            }
            return out;
        }
        return v.toString();   // PGobject (json, jsonb, uuid...), DuckDB structs, UUIDs: their text form
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
