package org.igem.export;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.igem.core.IgemException;
import org.igem.parquet.ExportColumn;
import org.igem.parquet.RowBatch;

/**
 * Reads the current row of a JDBC result set into a {@link RowBatch}: the typed getter of each
 * column, converted to what Parquet stores (days, microseconds, unscaled decimals, UTF-8 bytes).
 * NULLs in NOT NULL columns and values SQLite's dynamic typing lets through are refused here, with
 * the row number.
 */
final class RowReader {
    private static final long MICROS_MAX_SECONDS = Long.MAX_VALUE / 1_000_000 - 1;

    private final String table;
    private final List<ExportColumn> columns;
    private final ExportColumn.Kind[] kinds;
    private final String[] names;
    private final int[] decimalBytes;
    private final boolean sqlite;
    private final boolean[] utf8Bytes;
    private long rows;

    /**
     * @param utf8Bytes per column: the driver holds the value as the UTF-8 bytes of its text form
     *                  (PostgreSQL, a string column sent in text format), so {@code getBytes} gives
     *                  exactly what {@code getString} + UTF-8 encoding would, without decoding and
     *                  re-encoding every value
     */
    RowReader(String table, List<ExportColumn> columns, boolean sqlite, boolean[] utf8Bytes) {
        this.table = table;
        this.columns = columns;
        this.sqlite = sqlite;
        this.utf8Bytes = utf8Bytes.clone();
        int n = columns.size();
        this.kinds = new ExportColumn.Kind[n];
        this.names = new String[n];
        this.decimalBytes = new int[n];
        for (int i = 0; i < n; i++) {
            ExportColumn c = columns.get(i);
            kinds[i] = c.kind();
            names[i] = c.name();
            decimalBytes[i] = c.kind() == ExportColumn.Kind.DECIMAL ? c.decimalBytes() : 0;
        }
    }

    /** Appends the current row of {@code rs} (columns in the order given at construction) to {@code b}. */
    void read(ResultSet rs, RowBatch b) throws SQLException {
        int r = b.size;
        for (int i = 0; i < kinds.length; i++) {
            int col = i + 1;
            switch (kinds[i]) {
                case INT32 -> {
                    int v = rs.getInt(col);
                    if (rs.wasNull()) {
                        nullValue(b, i, r);
                    } else {
                        b.ints[i][r] = v;
                    }
                }
                case INT64 -> {
                    long v = rs.getLong(col);
                    if (rs.wasNull()) {
                        nullValue(b, i, r);
                    } else {
                        b.longs[i][r] = v;
                    }
                }
                case DOUBLE -> {
                    double v = rs.getDouble(col);
                    if (rs.wasNull()) {
                        nullValue(b, i, r);
                    } else {
                        b.doubles[i][r] = v;
                    }
                }
                case BOOLEAN -> {
                    if (sqlite) {
                        Boolean v = sqliteBoolean(rs.getObject(col), i);
                        if (v == null) {
                            nullValue(b, i, r);
                        } else {
                            b.booleans[i][r] = v;
                        }
                    } else {
                        boolean v = rs.getBoolean(col);
                        if (rs.wasNull()) {
                            nullValue(b, i, r);
                        } else {
                            b.booleans[i][r] = v;
                        }
                    }
                }
                case STRING -> {
                    if (utf8Bytes[i]) {
                        byte[] v = rs.getBytes(col);
                        if (v == null) {
                            nullValue(b, i, r);
                        } else {
                            b.bytes[i][r] = v;
                        }
                    } else {
                        String v = rs.getString(col);
                        if (v == null) {
                            nullValue(b, i, r);
                        } else {
                            b.bytes[i][r] = v.getBytes(StandardCharsets.UTF_8);
                        }
                    }
                }
                case BINARY -> {
                    byte[] v = rs.getBytes(col);
                    if (v == null) {
                        nullValue(b, i, r);
                    } else {
                        b.bytes[i][r] = v;
                    }
                }
                case DATE -> {
                    Integer days = sqlite ? sqliteDate(rs.getObject(col), i) : pgDate(rs.getObject(col, LocalDate.class));
                    if (days == null) {
                        nullValue(b, i, r);
                    } else {
                        b.ints[i][r] = days;
                    }
                }
                case TIMESTAMP -> {
                    LocalDateTime t = sqlite ? sqliteTimestamp(rs.getObject(col), i) : rs.getObject(col, LocalDateTime.class);
                    if (t == null) {
                        nullValue(b, i, r);
                    } else {
                        b.longs[i][r] = micros(t);
                    }
                }
                case TIMESTAMP_UTC -> {
                    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
                    if (t == null) {
                        nullValue(b, i, r);
                    } else {
                        b.longs[i][r] = micros(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                    }
                }
                case DECIMAL -> {
                    BigDecimal v = rs.getBigDecimal(col);
                    if (v == null) {
                        nullValue(b, i, r);
                    } else {
                        decimal(b, i, r, v);
                    }
                }
            }
        }
        b.size = r + 1;
        rows++;
    }

    private void nullValue(RowBatch b, int i, int r) {
        boolean[] nulls = b.nulls[i];
        if (nulls == null) {
            throw new IgemException("table " + table + ": NULL in NOT NULL column " + names[i] + " (row " + (rows + 1) + ")");
        }
        nulls[r] = true;
        if (b.bytes[i] != null) {
            b.bytes[i][r] = null;
        }
    }

    private void decimal(RowBatch b, int i, int r, BigDecimal v) {
        ExportColumn c = columns.get(i);
        BigInteger unscaled = v.setScale(c.scale(), RoundingMode.HALF_UP).unscaledValue();
        if (unscaled.abs().compareTo(BigInteger.TEN.pow(c.precision())) >= 0) {
            throw new IgemException("table " + table + ": value " + v + " of column " + names[i] + " does not fit " + c.sqlType());
        }
        switch (c.decimalPhysical()) {
            case INT32 -> b.ints[i][r] = unscaled.intValueExact();
            case INT64 -> b.longs[i][r] = unscaled.longValueExact();
            default -> {
                byte[] raw = unscaled.toByteArray();
                byte[] fixed = new byte[decimalBytes[i]];
                byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
                int off = fixed.length - raw.length;
                for (int k = 0; k < off; k++) {
                    fixed[k] = pad;
                }
                System.arraycopy(raw, 0, fixed, off, raw.length);
                b.bytes[i][r] = fixed;
            }
        }
    }

    /** Microseconds since 1970-01-01T00:00 of a wall-clock time; PostgreSQL's ±infinity saturate. */
    static long micros(LocalDateTime t) {
        long s = t.toEpochSecond(ZoneOffset.UTC);
        if (s > MICROS_MAX_SECONDS) {
            return Long.MAX_VALUE;
        }
        if (s < -MICROS_MAX_SECONDS) {
            return Long.MIN_VALUE;
        }
        return s * 1_000_000L + t.getNano() / 1_000;
    }

    private static Integer pgDate(LocalDate d) {
        if (d == null) {
            return null;
        }
        long days = d.toEpochDay();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, days));
    }

    private Boolean sqliteBoolean(Object v, int i) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "1", "true", "t", "yes", "y" -> Boolean.TRUE;
            case "0", "false", "f", "no", "n" -> Boolean.FALSE;
            default -> throw badValue(i, v, "a boolean");
        };
    }

    private Integer sqliteDate(Object v, int i) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return (int) Math.floorDiv(n.longValue(), 86_400_000L);
        }
        String s = v.toString().trim();
        try {
            return (int) LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s).toEpochDay();
        } catch (DateTimeParseException e) {
            throw badValue(i, v, "a date 'YYYY-MM-DD'");
        }
    }

    /**
     * SQLite DATETIME values: the text SQLAlchemy and CURRENT_TIMESTAMP write
     * ('YYYY-MM-DD HH:MM:SS[.ffffff]', also with 'T', a trailing 'Z' or an offset, which is converted
     * to UTC), or the epoch milliseconds sqlite-jdbc writes for a java.sql.Timestamp.
     */
    private LocalDateTime sqliteTimestamp(Object v, int i) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(n.longValue(), 1000L),
                    (int) Math.floorMod(n.longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
        }
        String s = v.toString().trim().replace(' ', 'T');
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay();
            }
            if (s.endsWith("Z") || s.matches(".*T.*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s.endsWith("Z") ? s : s.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw badValue(i, v, "a timestamp 'YYYY-MM-DD HH:MM:SS[.ffffff]'");
        }
    }

    private IgemException badValue(int i, Object v, String expected) {
        String shown = String.valueOf(v);
        if (shown.length() > 60) {
            shown = shown.substring(0, 60) + "…";
        }
        return new IgemException("table " + table + ", column " + names[i] + " (row " + (rows + 1) + "): '" + shown
                + "' is not " + expected);
    }
}
