package org.igem.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import org.igem.Igem;
import org.igem.IgemDb;
import org.igem.core.IgemException;
import org.igem.nlp.AnnotateRequest;
import org.igem.nlp.Annotations;
import org.igem.nlp.Annotator;
import org.igem.nlp.Corpus;
import org.igem.nlp.ResolveOptions;
import org.igem.ops.CommandOptions.Annotate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code igem nlp annotate}: resolve the entities of every record of a corpus, on every core. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = "Annotate a corpus (plain text lines, JSONL, CSV/TSV or Parquet; '-' = stdin) into JSONL or Parquet "
                + "matches, in record order.")
final class AnnotateCommand extends LeafCommand {

    @Mixin
    NlpCommand.ResolveMixin resolve;

    @Parameters(index = "0", paramLabel = Annotate.INPUT, description = "The corpus file, or - for stdin.")
    String input;

    @Option(names = Annotate.FORMAT, paramLabel = "<fmt>",
            description = "Input format: text (one record per line), jsonl, csv, tsv, parquet. Default: from the extension (text for stdin).")
    String format;

    @Option(names = Annotate.TEXT_FIELD, paramLabel = "<name>", defaultValue = Annotate.TEXT_FIELD_DEFAULT,
            description = "The JSONL key / CSV or Parquet column holding the text. Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = Annotate.ID_FIELD, paramLabel = "<name>",
            description = "The key / column holding the record id (required in every record). Default: the line (row) number.")
    String idField;

    @Option(names = {"-o", Annotate.OUTPUT}, paramLabel = "<file>",
            description = "Output file (written under a temporary name, renamed when complete). Default: stdout (JSONL).")
    String output;

    @Option(names = Annotate.OUTPUT_FORMAT, paramLabel = "<fmt>",
            description = "jsonl or parquet. Default: parquet for a .parquet output, else jsonl.")
    String outputFormat;

    @Option(names = Annotate.THREADS, paramLabel = "<n>", description = "Worker threads. Default: the number of processors.")
    int threads;

    @Option(names = Annotate.ON_ERROR, paramLabel = "skip|fail", defaultValue = Annotate.ON_ERROR_DEFAULT,
            description = "A bad record (invalid JSON, missing field): report it with its line and skip it, or fail the run. Default: ${DEFAULT-VALUE}.")
    String onError;

    @Option(names = Annotate.OVERWRITE, description = "Replace an existing output file.")
    boolean overwrite;

    @Override
    public Integer call() {
        CliContext ctx = ctx();
        if (threads < 0) {
            throw IgemException.usage("--threads must be positive, got " + threads);
        }
        ResolveOptions options = resolve.options();
        Path in = input.equals("-") ? null : ctx.cwd().resolve(input);
        Path out = output == null || output.equals("-") ? null : ctx.cwd().resolve(output);
        AnnotateRequest request = new AnnotateRequest(in, format == null ? null : Corpus.Format.parse(format), textField,
                idField, out, outputFormat == null ? null : AnnotateRequest.OutputFormat.parse(outputFormat), options,
                threads, Annotator.OnError.parse(onError), overwrite);
        PrintWriter err = ctx.err();
        Annotator.Result r;
        ProgressBar bar = System.console() != null ? ProgressBars.megabytes("annotate") : null;
        try (IgemDb db = open(err)) {
            var index = db.nlp();
            long[] records = {0};
            r = Annotations.run(index, request, System.in, out == null ? new WriterStream(ctx.out()) : null,
                    (n, bytes, bad) -> {
                        for (Annotator.BadRecord b : bad) {
                            if (request.onError() == Annotator.OnError.SKIP) {
                                err.println("warning: skipped bad record at " + b);
                            }
                        }
                        records[0] += n;
                        if (bar != null) {
                            bar.stepBy(bytes);
                            bar.setExtraMessage(records[0] + " records");
                        }
                    });
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        ctx.out().flush();
        err.printf(java.util.Locale.ROOT, "Annotated %d records: %d matches%s in %.2f s (%.1f MB/s)%s%n", r.records(),
                r.matches(), r.badRecords() > 0 ? ", " + r.badRecords() + " bad records skipped" : "", r.seconds(),
                r.megabytesPerSecond(), out == null ? "" : " -> " + out);
        err.flush();
        return 0;
    }

    /** stdout as an OutputStream: the JSONL arrives in whole batches of whole lines, so decoding per write is exact. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter out;

        WriterStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("whole batches only");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
