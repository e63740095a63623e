package org.igem.snapshot;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.igem.IgemException;

/**
 * Streams the rows of one JDBC result set into one Parquet file: values go from the typed
 * {@code ResultSet} getters straight into parquet-java's column writers (no row objects),
 * and a row group is cut every {@code rowGroupRows} rows or when the buffered pages pass
 * {@link #ROW_GROUP_MAX_BYTES}, so memory stays flat.
 *
 * <p>This is what parquet-java's {@code ParquetWriter} + {@code WriteSupport} do, driven directly
 * through {@link ParquetFileWriter} and {@link ColumnChunkPageWriteStore}: {@code WriteSupport} and
 * {@code ParquetWriter.Builder} declare methods that take Hadoop's {@code Configuration}, so using
 * them would put hadoop-common on the class path; this path needs no Hadoop class at all.
 *
 * <p>Deterministic: the footer holds the schema, the row groups and parquet-java's fixed
 * {@code created_by}; no key-value metadata, no timestamps.
 */
final class ParquetTableWriter implements AutoCloseable {
    /** Upper bound of a row group's buffered size (the row count bound is the export's chunksize). */
    static final long ROW_GROUP_MAX_BYTES = 128L * 1024 * 1024;
    private static final int SIZE_CHECK_EVERY = 1024;
    private static final long MICROS_MAX_SECONDS = Long.MAX_VALUE / 1_000_000 - 1;

    private final String table;
    private final List<ExportColumn> columns;
    private final ExportColumn.Kind[] kinds;
    private final String[] names;
    private final int[] decimalBytes;
    private final boolean sqlite;
    private final MessageType schema;
    private final ParquetProperties props;
    private final CompressionCodecFactory codecs;
    private final CompressionCodecName codec;
    private final long rowGroupRows;
    private final ParquetFileWriter file;

    private ColumnChunkPageWriteStore pageStore;
    private ColumnWriteStore columnStore;
    private final org.apache.parquet.column.ColumnWriter[] writers;
    private final int[] maxDef;
    private long rowsInGroup;
    private long rows;
    private boolean done;

    ParquetTableWriter(String table, List<ExportColumn> columns, boolean sqlite, OutputFile out, CompressionCodecName codec,
                       CompressionCodecFactory codecs, long rowGroupRows) throws IOException {
        this.table = table;
        this.columns = columns;
        this.sqlite = sqlite;
        this.codecs = codecs;
        this.codec = codec;
        this.rowGroupRows = rowGroupRows;
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
        this.schema = schema(columns);
        this.writers = new org.apache.parquet.column.ColumnWriter[columns.size()];
        this.maxDef = new int[columns.size()];
        this.props = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                // Plain encoding: IGEM's big columns (ids, alias values and norms) are near-unique, so a dictionary
                // is built, overflows and is thrown away; without it export is ~25% faster and zstd makes the
                // files smaller, not larger (measured on 1.2 M entity_aliases rows).
                .withDictionaryEncoding(false)
                .build();
        // The constructor whose arity no Hadoop-typed overload shares (javac would need hadoop-common otherwise).
        this.file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_MAX_BYTES, 0,
                props.getColumnIndexTruncateLength(), props.getStatisticsTruncateLength(), props.getPageWriteChecksumEnabled());
        file.start();
        startRowGroup();
    }

    /** The Parquet message type of a table: one flat field per column, in table order. */
    static MessageType schema(List<ExportColumn> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (ExportColumn c : columns) {
            b.addField((Type) c.parquetType());
        }
        return b.named("schema");
    }

    MessageType schema() {
        return schema;
    }

    long rows() {
        return rows;
    }

    private void startRowGroup() {
        pageStore = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(col -> codecs.getCompressor(codec))
                .withSchema(schema)
                .withAllocator(props.getAllocator())
                .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
                .build();
        columnStore = props.newColumnWriteStore(schema, pageStore, pageStore);
        // Flat schema: each value goes straight to its column writer (no record-assembly layer per field).
        var descriptors = schema.getColumns();
        for (int i = 0; i < writers.length; i++) {
            writers[i] = columnStore.getColumnWriter(descriptors.get(i));
            maxDef[i] = descriptors.get(i).getMaxDefinitionLevel();
        }
        rowsInGroup = 0;
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowsInGroup > 0) {
                file.startBlock(rowsInGroup);
                columnStore.flush();
                pageStore.flushToFileWriter(file);
                file.endBlock();
            }
        } finally {
            columnStore.close();
            pageStore.close();
            columnStore = null;
            pageStore = null;
        }
    }

    /** Writes the current row of {@code rs} (columns in the order given at construction). */
    void write(ResultSet rs) throws SQLException, IOException {
        for (int i = 0; i < kinds.length; i++) {
            int col = i + 1;
            switch (kinds[i]) {
                case INT32 -> {
                    int v = rs.getInt(col);
                    if (!rs.wasNull()) {
                        writers[i].write(v, 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case INT64 -> {
                    long v = rs.getLong(col);
                    if (!rs.wasNull()) {
                        writers[i].write(v, 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case DOUBLE -> {
                    double v = rs.getDouble(col);
                    if (!rs.wasNull()) {
                        writers[i].write(v, 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case BOOLEAN -> {
                    Boolean v = sqlite ? sqliteBoolean(rs.getObject(col), i) : rs.getBoolean(col) ? Boolean.TRUE : Boolean.FALSE;
                    if (v != null && !rs.wasNull()) {
                        writers[i].write(v, 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case STRING -> {
                    String v = rs.getString(col);
                    if (v != null) {
                        writers[i].write(Binary.fromString(v), 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case BINARY -> {
                    byte[] v = rs.getBytes(col);
                    if (v != null) {
                        writers[i].write(Binary.fromConstantByteArray(v), 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case DATE -> {
                    Integer days = sqlite ? sqliteDate(rs.getObject(col), i) : pgDate(rs.getObject(col, LocalDate.class));
                    if (days != null) {
                        writers[i].write(days, 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case TIMESTAMP -> {
                    LocalDateTime t = sqlite ? sqliteTimestamp(rs.getObject(col), i) : rs.getObject(col, LocalDateTime.class);
                    if (t != null) {
                        writers[i].write(micros(t), 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case TIMESTAMP_UTC -> {
                    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
                    if (t != null) {
                        writers[i].write(micros(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()), 0, maxDef[i]);
                    } else {
                        nullValue(i);
                    }
                }
                case DECIMAL -> {
                    BigDecimal v = rs.getBigDecimal(col);
                    if (v != null) {
                        addDecimal(i, v);
                    } else {
                        nullValue(i);
                    }
                }
            }
        }
        columnStore.endRecord();
        rows++;
        rowsInGroup++;
        if (rowsInGroup >= rowGroupRows
                || rowsInGroup % SIZE_CHECK_EVERY == 0 && columnStore.getBufferedSize() >= ROW_GROUP_MAX_BYTES) {
            flushRowGroup();
            startRowGroup();
        }
    }

    private void nullValue(int i) {
        if (!columns.get(i).nullable()) {
            throw new IgemException("table " + table + ": NULL in NOT NULL column " + names[i] + " (row " + (rows + 1) + ")");
        }
        writers[i].writeNull(0, 0);
    }

    private void addDecimal(int i, BigDecimal v) {
        ExportColumn c = columns.get(i);
        BigInteger unscaled = v.setScale(c.scale(), RoundingMode.HALF_UP).unscaledValue();
        if (unscaled.abs().compareTo(BigInteger.TEN.pow(c.precision())) >= 0) {
            throw new IgemException("table " + table + ": value " + v + " of column " + names[i] + " does not fit " + c.sqlType());
        }
        switch (c.decimalPhysical()) {
            case INT32 -> writers[i].write(unscaled.intValueExact(), 0, maxDef[i]);
            case INT64 -> writers[i].write(unscaled.longValueExact(), 0, maxDef[i]);
            default -> {
                byte[] raw = unscaled.toByteArray();
                byte[] fixed = new byte[decimalBytes[i]];
                byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
                int off = fixed.length - raw.length;
                for (int k = 0; k < off; k++) {
                    fixed[k] = pad;
                }
                System.arraycopy(raw, 0, fixed, off, raw.length);
                writers[i].write(Binary.fromConstantByteArray(fixed), 0, maxDef[i]);
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

    /** Writes the last row group and the footer; closes the file. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        flushRowGroup();
        file.end(Map.of());
    }

    /** Gives up on the file (after a failure): releases buffers and closes the stream without a footer. */
    void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (columnStore != null) {
                columnStore.close();
            }
            if (pageStore != null) {
                pageStore.close();
            }
        } catch (RuntimeException ignored) {
            // best effort
        }
        file.abort();
        try {
            file.close();
        } catch (IOException | RuntimeException ignored) {
            // the temp file is deleted by the caller
        }
    }
}
