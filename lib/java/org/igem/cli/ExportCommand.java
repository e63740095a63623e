package org.igem.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.igem.IgemDb;
import org.igem.core.IgemException;
import org.igem.parquet.Compression;
import org.igem.export.ExportOptions;
import org.igem.export.ExportResult;
import org.igem.ops.CommandOptions.Export;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.igem.report.Reports;

@Command(name = "export", sortOptions = false,
        description = {"Export the database as a Parquet snapshot directory: one <table>.parquet per table and a "
                + "manifest.json (rows, sizes, sha256, schema version), all read at one point in time."})
final class ExportCommand extends LeafCommand {
    // No mixinStandardHelpOptions: --version is the snapshot label here, not the tool's version.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-o", Export.OUTPUT}, required = true, paramLabel = "<dir>",
            description = "Snapshot directory; created if missing (its parent must exist).")
    String output;

    // Split by hand, not with picocli's split: its quote handling would rewrite names containing quotes.
    @Option(names = Export.TABLES, paramLabel = "<a,b,...>",
            description = "Only these tables (comma-separated; repeatable). Default: every table.")
    List<String> tables = new ArrayList<>();

    @Option(names = Export.EXCLUDE, paramLabel = "<a,b,...>", description = "Skip these tables (comma-separated; repeatable).")
    List<String> exclude = new ArrayList<>();

    @Option(names = Export.CHUNKSIZE, paramLabel = "<rows>", defaultValue = Export.CHUNKSIZE_DEFAULT,
            description = "Rows per Parquet row group and, up to 10000, per fetch (default: ${DEFAULT-VALUE}); "
                    + "a row group is never cut below 1 MiB of data, so a tiny chunksize cannot exhaust memory.")
    int chunksize;

    @Option(names = Export.COMPRESSION, paramLabel = "<codec>", defaultValue = Export.COMPRESSION_DEFAULT,
            converter = CompressionConverter.class, completionCandidates = CompressionNames.class,
            description = "zstd, snappy, gzip or none (default: ${DEFAULT-VALUE}).")
    Compression compression;

    @Option(names = Export.VERSION, paramLabel = "<label>", description = "Snapshot label (default: today's date, UTC).")
    String version;

    @Option(names = Export.OVERWRITE, description = "Export into a non-empty directory (its manifest.json is removed first).")
    boolean overwrite;

    @Override
    public Integer call() {
        ExportOptions options = ExportOptions.to(ctx().cwd().resolve(output))
                .withTables(clean(tables))
                .withExclude(clean(exclude))
                .withChunksize(chunksize)
                .withCompression(compression)
                .withVersion(version)
                .withOverwrite(overwrite);
        // On a terminal, a progress bar (stderr) for each table that takes more than one chunk.
        TerminalProgress bars = System.console() != null ? new TerminalProgress() : null;
        if (bars != null) {
            options = options.withProgress(bars);
        }
        ExportResult r;
        try (IgemDb db = open()) {
            r = db.export(options);
        } finally {
            if (bars != null) {
                bars.close();
            }
        }
        Reports.export(r, out());
        return 0;
    }

    private static List<String> clean(List<String> names) {
        return names.stream().flatMap(v -> Arrays.stream(v.split(",", -1))).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
    }

    /** --compression values, case-insensitive; anything else is a usage error (exit 2). */
    static final class CompressionConverter implements CommandLine.ITypeConverter<Compression> {
        @Override
        public Compression convert(String value) {
            try {
                return Compression.parse(value);
            } catch (IgemException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class CompressionNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Compression.values()).map(Compression::label).iterator();
        }
    }

    /** One me.tongfei progress bar per long table; short tables finish before a bar would be useful. */
    static final class TerminalProgress implements org.igem.export.ExportProgress, AutoCloseable {
        private me.tongfei.progressbar.ProgressBar bar;
        private long estimate;

        @Override
        public void tableStarted(String table, long estimatedRows) {
            close();
            estimate = estimatedRows;
        }

        @Override
        public void rowsWritten(String table, long rows) {
            if (bar == null) {
                bar = ProgressBars.rows(table, estimate);
            }
            bar.stepTo(rows);
        }

        @Override
        public void tableDone(ExportResult.TableResult result) {
            if (bar != null) {
                bar.maxHint(result.rows());
                bar.stepTo(result.rows());
            }
            close();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
