package org.igem.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import me.tongfei.progressbar.ProgressBar;
import org.igem.Igem;
import org.igem.IgemDb;
import org.igem.core.IgemException;
import org.igem.query.Column;
import org.igem.query.QueryResult;
import org.igem.query.ResultFiles;
import org.igem.query.ResultFormat;
import org.igem.query.ResultWriter;
import org.igem.query.RowSink;
import org.igem.ops.CommandOptions.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one read-only SQL query on any database: a snapshot (through DuckDB, one view per table; "
                + "DuckDB is fetched once on first use), PostgreSQL (READ ONLY transaction) or SQLite (opened read-only)."})
final class QueryCommand extends LeafCommand {
    /** A screenful. */
    static final int DEFAULT_TABLE_ROWS = 50;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<sql>", description = "The query (or -f FILE).")
    String sql;

    @Option(names = {"-f", Query.FILE}, paramLabel = "<file.sql>", description = "Read the query from a file.")
    String file;

    @Option(names = Query.FORMAT, paramLabel = "<fmt>", defaultValue = Query.FORMAT_DEFAULT,
            description = "table, csv, json or parquet (--output only; typed like a snapshot table) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", Query.OUTPUT}, paramLabel = "<file>",
            description = "Write the result here (temporary name, renamed when complete) instead of stdout.")
    String output;

    @Option(names = Query.MAX_ROWS, paramLabel = "<n>",
            description = "At most this many rows; 0 = all (default: " + DEFAULT_TABLE_ROWS + " for a table on stdout, "
                    + "else all).")
    Long maxRows;

    @Override
    public Integer call() {
        String text = querySql();
        ResultFormat fmt = ResultFormat.parse(format);
        if (fmt == ResultFormat.PARQUET && output == null) {
            throw IgemException.usage("--format parquet writes a file: add --output FILE.parquet");
        }
        if (maxRows != null && maxRows < 0) {
            throw IgemException.usage("--max-rows must not be negative");
        }
        long limit = maxRows != null ? maxRows : fmt == ResultFormat.TABLE && output == null ? DEFAULT_TABLE_ROWS : 0;
        try (IgemDb db = Igem.connect(target(), ctx().env()).withProgress(ctx().err()::println)) {
            if (output != null) {
                Path to = ctx().cwd().resolve(output);
                Progress p = System.console() != null ? new Progress() : null;
                QueryResult r;
                try {
                    r = ResultFiles.write(to, fmt, sink -> db.query(text, limit, false, sink), p == null ? s -> s : p::around);
                } finally {
                    if (p != null) {
                        p.close();
                    }
                }
                ctx().err().println(r.rows() + (r.rows() == 1 ? " row" : " rows") + " written to " + to);
                return 0;
            }
            ResultWriter w = ResultWriter.of(fmt, out());
            QueryResult r = db.query(text, limit, fmt == ResultFormat.TABLE, w);
            try {
                w.finish(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return 0;
        }
    }

    private String querySql() {
        if ((sql == null) == (file == null)) {
            throw IgemException.usage(sql == null ? "give the query as an argument or with -f FILE"
                    : "give the query either as an argument or with -f FILE, not both");
        }
        if (file == null) {
            return sql;
        }
        Path p = ctx().cwd().resolve(file);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw IgemException.usage("query file " + p + " does not exist");
        } catch (IOException e) {
            throw new IgemException("cannot read query file " + p + ": " + e.getMessage(), e);
        }
    }

    /** A rows-so-far line on the terminal (stderr) while a long result goes to a file. */
    static final class Progress {
        private ProgressBar bar;
        private long rows;

        RowSink around(RowSink inner) {
            return new RowSink() {
                @Override
                public void columns(List<Column> columns) {
                    inner.columns(columns);
                }

                @Override
                public void row(Object[] values) {
                    inner.row(values);
                    if (++rows % 10_000 == 0) {
                        if (bar == null) {
                            bar = ProgressBars.rows("query", -1);
                        }
                        bar.stepTo(rows);
                    }
                }
            };
        }

        void close() {
            if (bar != null) {
                bar.stepTo(rows);
                bar.close();
            }
        }
    }
}
