package org.igem.parquet;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/**
 * Writes batches of rows ({@link RowBatch}, filled by {@link RowReader}) into one Parquet file:
 * values go from the batch's columnar arrays straight into parquet-java's column writers (no row
 * objects), and a row group is cut every {@code rowGroupRows} rows once it holds at least
 * {@link #ROW_GROUP_MIN_BYTES}, or when the buffered pages pass {@link #ROW_GROUP_MAX_BYTES}, so
 * memory stays flat (the footer's per-row-group metadata included).
 *
 * <p>This is what parquet-java's {@code ParquetWriter} + {@code WriteSupport} do, driven directly
 * through {@link ParquetFileWriter} and {@link ColumnChunkPageWriteStore}: {@code WriteSupport} and
 * {@code ParquetWriter.Builder} declare methods that take Hadoop's {@code Configuration}, so using
 * them would put hadoop-common on the class path; this path needs no Hadoop class at all.
 *
 * <p>Deterministic: the footer holds the schema, the row groups and parquet-java's fixed
 * {@code created_by}; no key-value metadata, no timestamps.
 */
public final class ParquetTableWriter implements AutoCloseable {
    /** Upper bound of a row group's buffered size (the row count bound is the export's chunksize). */
    static final long ROW_GROUP_MAX_BYTES = 128L * 1024 * 1024;
    /**
     * Lower bound: a row group is cut at the chunksize only once it buffers this much. The footer
     * keeps metadata for every row group and column until the file ends, so {@code --chunksize 1}
     * on 800 k rows (800 k row groups) ran out of memory; with this floor a file has at most about
     * one row group per MiB of data, whatever the chunksize.
     */
    static final long ROW_GROUP_MIN_BYTES = 1024L * 1024;
    private static final int SIZE_CHECK_EVERY = 1024;
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

    public ParquetTableWriter(List<ExportColumn> columns, OutputFile out, CompressionCodecName codec,
                       CompressionCodecFactory codecs, long rowGroupRows) throws IOException {
        this.codecs = codecs;
        this.codec = codec;
        this.rowGroupRows = rowGroupRows;
        this.schema = schema(columns);
        this.writers = new org.apache.parquet.column.ColumnWriter[columns.size()];
        this.maxDef = new int[columns.size()];
        ParquetProperties.Builder pb = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                // Plain encoding: IGEM's big columns (ids, alias values and norms) are near-unique, so a dictionary
                // is built, overflows and is thrown away; without it export is ~25% faster and zstd makes the
                // files smaller, not larger (measured on 1.2 M entity_aliases rows).
                .withDictionaryEncoding(false)
                // Size statistics (unencoded byte counts per page, parquet 1.15+) are optional metadata no IGEM
                // reader uses; they cost a pass over every value.
                .withSizeStatisticsEnabled(false);
        Set<String> extras = stringExtras();
        for (ExportColumn c : columns) {
            if (c.kind() == ExportColumn.Kind.STRING || c.kind() == ExportColumn.Kind.BINARY) {
                // Min/max of free text is a byte-by-byte comparison per value (a third of the encoding CPU on
                // entity_aliases) and prunes nothing: rows are in primary-key order, so every row group's text
                // spans nearly the whole alphabet. Numbers, dates and booleans keep their statistics.
                pb.withStatisticsEnabled(c.name(), extras.contains("statistics"));
                if (extras.contains("dictionary")) {
                    // falls back to plain encoding once a column chunk's dictionary passes the page size
                    pb.withDictionaryEncoding(c.name(), true);
                }
                if (extras.contains("bloom") && bloomColumn(c.name())) {
                    pb.withBloomFilterEnabled(c.name(), true).withBloomFilterNDV(c.name(), Math.min(rowGroupRows, 1_000_000));
                }
            }
        }
        this.props = pb.build();
        // The constructor whose arity no Hadoop-typed overload shares (javac would need hadoop-common otherwise).
        this.file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_MAX_BYTES, 0,
                props.getColumnIndexTruncateLength(), props.getStatisticsTruncateLength(), props.getPageWriteChecksumEnabled());
        file.start();
        startRowGroup();
    }

    /**
     * Benchmark knob (scripts/bench-export): {@code -Digem.export.strings=dictionary,bloom,statistics}
     * turns on dictionary pages (with plain fallback), bloom filters on alias/name columns, or min/max
     * statistics for string columns. Off by default: measured, none fits the export target (see
     * scripts/bench/RESULTS.md, "Export: string columns").
     */
    static Set<String> stringExtras() {
        String v = System.getProperty("igem.export.strings", "");
        Set<String> out = new java.util.HashSet<>();
        for (String p : v.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /** The columns a reader filters on by value: alias values and norms, names. */
    static boolean bloomColumn(String name) {
        return name.equals("alias_value") || name.equals("alias_norm") || name.equals("name") || name.endsWith("_name");
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

    public long rows() {
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

    /** Writes the rows of {@code b} (columns in the order given at construction). */
    public void write(RowBatch b) throws IOException {
        int n = b.size;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < writers.length; i++) {
                boolean[] nulls = b.nulls[i];
                if (nulls != null && nulls[r]) {
                    writers[i].writeNull(0, 0);
                    continue;
                }
                switch (b.physical[i]) {
                    case INT32 -> writers[i].write(b.ints[i][r], 0, maxDef[i]);
                    case INT64 -> writers[i].write(b.longs[i][r], 0, maxDef[i]);
                    case DOUBLE -> writers[i].write(b.doubles[i][r], 0, maxDef[i]);
                    case BOOLEAN -> writers[i].write(b.booleans[i][r], 0, maxDef[i]);
                    // every array is the value's own (the driver's, or made for it) and never written again
                    default -> writers[i].write(Binary.fromConstantByteArray(b.bytes[i][r]), 0, maxDef[i]);
                }
            }
            columnStore.endRecord();
            rows++;
            rowsInGroup++;
            if (rowsInGroup >= rowGroupRows && sizeCheckDue() && columnStore.getBufferedSize() >= ROW_GROUP_MIN_BYTES
                    || rowsInGroup % SIZE_CHECK_EVERY == 0 && columnStore.getBufferedSize() >= ROW_GROUP_MAX_BYTES) {
                flushRowGroup();
                startRowGroup();
            }
        }
    }

    /** At the chunksize, then every {@value #SIZE_CHECK_EVERY} rows after it (the size is a sum over the columns). */
    private boolean sizeCheckDue() {
        return rowsInGroup == rowGroupRows || (rowsInGroup - rowGroupRows) % SIZE_CHECK_EVERY == 0;
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
    public void abort() {
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
