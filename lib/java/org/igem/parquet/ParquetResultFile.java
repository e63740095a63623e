package org.igem.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.igem.core.IgemException;

/**
 * A query result written as one Parquet file ({@code igem db query --format parquet}) with the export's
 * writer, so the types are those of a snapshot table: INT32/INT64, BOOLEAN, DOUBLE, DATE, TIMESTAMP(MICROS)
 * with or without UTC adjustment, UTF-8 strings (decimals and anything else as their text), BINARY; every
 * column OPTIONAL; zstd. The caller writes it under a temporary name and renames it.
 */
public final class ParquetResultFile implements AutoCloseable {
    private static final int BATCH_ROWS = 4096;
    private final List<ExportColumn> columns;
    private final ParquetCodecs codecs = new ParquetCodecs();
    private final ParquetTableWriter writer;
    private final RowBatch batch;
    private boolean closed;

    /** {@code kinds}: one per column, as {@link #kindOf} maps the engine's type names. */
    public ParquetResultFile(Path file, List<String> names, List<ExportColumn.Kind> kinds) throws IOException {
        this.columns = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new ExportColumn(names.get(i), kinds.get(i).name().toLowerCase(java.util.Locale.ROOT), kinds.get(i),
                    0, 0, true, false));
        }
        this.writer = new ParquetTableWriter(columns, new HashingOutputFile(file), CompressionCodecName.ZSTD, codecs, 100_000);
        this.batch = new RowBatch(columns, BATCH_ROWS);
    }

    /** The Parquet kind for a result column of engine type {@code typeName} (DuckDB, PostgreSQL or SQLite names). */
    public static ExportColumn.Kind kindOf(String typeName) {
        String t = typeName == null ? "" : typeName.toLowerCase(java.util.Locale.ROOT).strip();
        return switch (t) {
            case "integer", "int", "int4", "int32", "smallint", "int2", "tinyint", "serial" -> ExportColumn.Kind.INT32;
            case "bigint", "int8", "int64", "bigserial" -> ExportColumn.Kind.INT64;
            case "boolean", "bool" -> ExportColumn.Kind.BOOLEAN;
            case "double", "float8", "double precision", "real", "float4", "float" -> ExportColumn.Kind.DOUBLE;
            case "date" -> ExportColumn.Kind.DATE;
            case "timestamp", "timestamp without time zone", "datetime" -> ExportColumn.Kind.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> ExportColumn.Kind.TIMESTAMP_UTC;
            case "blob", "bytea" -> ExportColumn.Kind.BINARY;
            default -> ExportColumn.Kind.STRING;
        };
    }

    public void row(Object[] values) throws IOException {
        int r = batch.size;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                batch.nulls[i][r] = true;
                continue;
            }
            ExportColumn c = columns.get(i);
            try {
                switch (c.kind()) {
                    case INT32 -> batch.ints[i][r] = ((Number) v).intValue();
                    case INT64 -> batch.longs[i][r] = ((Number) v).longValue();
                    case BOOLEAN -> batch.booleans[i][r] = v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
                    case DOUBLE -> batch.doubles[i][r] = ((Number) v).doubleValue();
                    case DATE -> batch.ints[i][r] = (int) ((LocalDate) v).toEpochDay();
                    case TIMESTAMP -> batch.longs[i][r] = micros((LocalDateTime) v);
                    case TIMESTAMP_UTC -> batch.longs[i][r] = micros(((OffsetDateTime) v)
                            .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
                    case BINARY -> batch.bytes[i][r] = (byte[]) v;
                    default -> batch.bytes[i][r] = (v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString())
                            .getBytes(StandardCharsets.UTF_8);
                }
            } catch (ClassCastException e) {
                throw new IgemException("column " + c.name() + " (" + c.sqlType() + ") has a value of another type: " + v
                        + " (choose csv or json for columns of mixed types)", e);
            }
        }
        batch.size++;
        if (batch.full()) {
            writer.write(batch);
            batch.clear();
        }
    }

    private static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
    }

    public long rows() {
        return writer.rows() + batch.size;
    }

    /** Writes the last rows and the footer. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.write(batch);
            batch.clear();
            writer.close();
        } finally {
            codecs.release();
        }
    }

    /** Gives up (after a failure): no footer; the caller deletes the file. */
    public void abort() {
        if (!closed) {
            closed = true;
            writer.abort();
            codecs.release();
        }
    }
}
