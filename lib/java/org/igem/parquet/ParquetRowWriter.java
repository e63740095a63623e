package org.igem.parquet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.igem.core.IgemException;

/**
 * A row-at-a-time Parquet writer of a flat table for other capabilities (e.g. {@code nlp annotate}):
 * the export's own writer and codecs, fed through one reused {@link RowBatch}. Values: Integer /
 * Long / Double / Boolean / String as the column kinds say, null for an OPTIONAL column. Writes
 * exactly {@code file}; callers handle temp names and renames.
 */
public final class ParquetRowWriter implements AutoCloseable {
    private static final int BATCH = 4096;
    private final Path file;
    private final List<ExportColumn> columns;
    private final RowBatch batch;
    private final ParquetTableWriter writer;
    private final HashingOutputFile out;

    public ParquetRowWriter(Path file, List<ExportColumn> columns, Compression compression) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.batch = new RowBatch(this.columns, BATCH);
        this.out = new HashingOutputFile(file);
        try {
            this.writer = new ParquetTableWriter(this.columns, out, compression.codec(), new ParquetCodecs(), 1_000_000);
        } catch (IOException e) {
            throw new IgemException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A STRING / INT32 / INT64 / DOUBLE / BOOLEAN column. */
    public static ExportColumn column(String name, ExportColumn.Kind kind, boolean nullable) {
        return new ExportColumn(name, kind.name().toLowerCase(java.util.Locale.ROOT), kind, 0, 0, nullable, false);
    }

    public void write(Object... row) {
        int r = batch.size;
        for (int i = 0; i < columns.size(); i++) {
            Object v = row[i];
            if (v == null) {
                if (batch.nulls[i] == null) {
                    throw new IllegalArgumentException("column " + columns.get(i).name() + " is REQUIRED");
                }
                batch.nulls[i][r] = true;
                continue;
            }
            switch (batch.physical[i]) {
                case INT32 -> batch.ints[i][r] = ((Number) v).intValue();
                case INT64 -> batch.longs[i][r] = ((Number) v).longValue();
                case DOUBLE -> batch.doubles[i][r] = ((Number) v).doubleValue();
                case BOOLEAN -> batch.booleans[i][r] = (Boolean) v;
                default -> batch.bytes[i][r] = v.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        batch.size++;
        if (batch.full()) {
            flush();
        }
    }

    private void flush() {
        try {
            writer.write(batch);
        } catch (IOException e) {
            throw new IgemException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
        }
        batch.clear();
    }

    @Override
    public void close() {
        flush();
        try {
            writer.close();
        } catch (IOException e) {
            throw new IgemException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
        }
    }
}
