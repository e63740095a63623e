package org.igem.query;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.igem.core.IgemException;
import org.igem.core.LocalFiles;

/** Writes a query result into a file under a temporary name, renamed only once the whole result is in. */
public final class ResultFiles {
    private ResultFiles() {
    }

    private static QueryResult writeParquet(Path abs, Function<RowSink, QueryResult> run,
                                            java.util.function.UnaryOperator<RowSink> wrap) {
        // the writer creates the file itself (CREATE_NEW): a fresh name, not a reserved temp file
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
        tmp.toFile().deleteOnExit();   // Ctrl-C / SIGTERM mid-result: no stray part file
        org.igem.parquet.ParquetResultFile[] file = new org.igem.parquet.ParquetResultFile[1];
        RowSink sink = new RowSink() {
            @Override
            public void columns(java.util.List<Column> columns) {
                try {
                    file[0] = new org.igem.parquet.ParquetResultFile(tmp, columns.stream().map(Column::name).toList(),
                            columns.stream().map(c -> org.igem.parquet.ParquetResultFile.kindOf(c.type())).toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void row(Object[] values) {
                try {
                    file[0].row(values);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        boolean done = false;
        try {
            QueryResult r = run.apply(wrap.apply(sink));
            file[0].close();
            LocalFiles.moveReplacing(tmp, abs);
            done = true;
            return r;
        } catch (IOException | UncheckedIOException e) {
            throw new IgemException("cannot write " + abs + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                if (file[0] != null) {
                    file[0].abort();
                }
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a hidden .part file left behind never looks like a result
                }
            }
        }
    }

    /** {@code run} streams the query into the sink it is given. */
    public static QueryResult write(Path file, ResultFormat format, Function<RowSink, QueryResult> run) {
        return write(file, format, run, sink -> sink);
    }

    /** As above; {@code wrap} may put a counting/progress sink around the writer. */
    public static QueryResult write(Path file, ResultFormat format, Function<RowSink, QueryResult> run,
                                    java.util.function.UnaryOperator<RowSink> wrap) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IgemException("cannot write " + file + ": directory " + dir + " does not exist");
        }
        if (format == ResultFormat.PARQUET) {
            return writeParquet(abs, run, wrap);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
            tmp.toFile().deleteOnExit();   // Ctrl-C / SIGTERM mid-result: no stray part file
            QueryResult r;
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                ResultWriter writer = ResultWriter.of(format, w);
                r = run.apply(wrap.apply(writer));
                writer.finish(r);
            }
            LocalFiles.moveReplacing(tmp, abs);
            tmp = null;
            return r;
        } catch (IOException | UncheckedIOException e) {
            throw new IgemException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a hidden .part file left behind never looks like a result
                }
            }
        }
    }
}
