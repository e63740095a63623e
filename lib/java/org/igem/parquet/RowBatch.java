package org.igem.parquet;

import java.util.Arrays;
import java.util.List;

import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A fixed number of rows in columnar arrays, already converted to the values Parquet stores:
 * filled by {@link RowReader} on the reading thread, encoded by {@link ParquetTableWriter} on the
 * writing thread, then reused (so the hot loop allocates no per-row objects of its own).
 */
public final class RowBatch {
    final int capacity;
    final PrimitiveTypeName[] physical;
    public final int[][] ints;
    public final long[][] longs;
    public final double[][] doubles;
    public final boolean[][] booleans;
    /** BINARY and FIXED_LEN_BYTE_ARRAY values (the writer wraps them, so the reading thread allocates less). */
    public final byte[][][] bytes;
    /** Per column, or null for a REQUIRED column (the reader refuses NULLs there). */
    public final boolean[][] nulls;
    public int size;

    public RowBatch(List<ExportColumn> columns, int capacity) {
        int n = columns.size();
        this.capacity = capacity;
        this.physical = new PrimitiveTypeName[n];
        this.ints = new int[n][];
        this.longs = new long[n][];
        this.doubles = new double[n][];
        this.booleans = new boolean[n][];
        this.bytes = new byte[n][][];
        this.nulls = new boolean[n][];
        for (int i = 0; i < n; i++) {
            ExportColumn c = columns.get(i);
            physical[i] = c.parquetType().getPrimitiveTypeName();
            switch (physical[i]) {
                case INT32 -> ints[i] = new int[capacity];
                case INT64 -> longs[i] = new long[capacity];
                case DOUBLE -> doubles[i] = new double[capacity];
                case BOOLEAN -> booleans[i] = new boolean[capacity];
                default -> bytes[i] = new byte[capacity][];
            }
            if (c.nullable()) {
                nulls[i] = new boolean[capacity];
            }
        }
    }

    public boolean full() {
        return size == capacity;
    }

    /** Empties the batch and drops its references to value bytes (they may belong to the driver's buffers). */
    public void clear() {
        for (byte[][] b : bytes) {
            if (b != null) {
                Arrays.fill(b, 0, size, null);
            }
        }
        for (boolean[] n : nulls) {
            if (n != null) {
                Arrays.fill(n, 0, size, false);
            }
        }
        size = 0;
    }
}
