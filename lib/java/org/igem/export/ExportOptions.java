package org.igem.export;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.igem.parquet.Compression;

/**
 * What {@code db export} does: where to, which tables, how.
 *
 * @param output      the snapshot directory (created if missing; its parent must exist)
 * @param tables      tables to export; empty = every IGEM table of the database
 * @param exclude     tables to skip
 * @param chunksize   rows per Parquet row group (a row group is never cut below 1 MiB of data) and, up to
 *                    10 000, per fetch (&gt; 0)
 * @param compression page compression
 * @param version     snapshot label; null = today's date (UTC, yyyy-MM-dd)
 * @param overwrite   write into a non-empty directory (an old manifest.json is removed first)
 * @param progress    told about tables and rows as they are written (runs inside the export's transaction)
 */
public record ExportOptions(Path output, List<String> tables, List<String> exclude, int chunksize, Compression compression,
                            String version, boolean overwrite, ExportProgress progress) {
    public static final int DEFAULT_CHUNKSIZE = 50_000;

    public ExportOptions {
        tables = tables == null ? List.of() : List.copyOf(tables);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        compression = compression == null ? Compression.ZSTD : compression;
        progress = progress == null ? ExportProgress.NONE : progress;
    }

    /** Defaults: every table, chunksize 50000, zstd, today's date, no overwrite. */
    public static ExportOptions to(Path output) {
        return new ExportOptions(output, List.of(), List.of(), DEFAULT_CHUNKSIZE, Compression.ZSTD, null, false, null);
    }

    public ExportOptions withTables(List<String> names) {
        return new ExportOptions(output, names, exclude, chunksize, compression, version, overwrite, progress);
    }

    public ExportOptions withTables(String... names) {
        return withTables(Arrays.asList(names));
    }

    public ExportOptions withExclude(List<String> names) {
        return new ExportOptions(output, tables, names, chunksize, compression, version, overwrite, progress);
    }

    public ExportOptions withExclude(String... names) {
        return withExclude(Arrays.asList(names));
    }

    public ExportOptions withChunksize(int rows) {
        return new ExportOptions(output, tables, exclude, rows, compression, version, overwrite, progress);
    }

    public ExportOptions withCompression(Compression c) {
        return new ExportOptions(output, tables, exclude, chunksize, c, version, overwrite, progress);
    }

    public ExportOptions withVersion(String label) {
        return new ExportOptions(output, tables, exclude, chunksize, compression, label, overwrite, progress);
    }

    public ExportOptions withOverwrite(boolean yes) {
        return new ExportOptions(output, tables, exclude, chunksize, compression, version, yes, progress);
    }

    public ExportOptions withProgress(ExportProgress p) {
        return new ExportOptions(output, tables, exclude, chunksize, compression, version, overwrite, p);
    }

    /** Shorthand: only be told when each table file is complete. */
    public ExportOptions onTable(Consumer<ExportResult.TableResult> listener) {
        return withProgress(new ExportProgress() {
            @Override
            public void tableDone(ExportResult.TableResult result) {
                listener.accept(result);
            }
        });
    }
}
