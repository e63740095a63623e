package org.igem.nlp;

import java.nio.file.Path;

/**
 * One {@code nlp annotate} run: the input ({@code null} = stdin) and its format (null: from the
 * extension), the text / id fields, the output ({@code null} = stdout) and its format (null: from
 * the extension, JSONL by default), the resolver options, worker threads, the bad-record policy.
 */
public record AnnotateRequest(Path input, Corpus.Format format, String textField, String idField, Path output,
                              OutputFormat outputFormat, ResolveOptions resolve, int threads, Annotator.OnError onError,
                              boolean overwrite) {
    /** Output formats. */
    public enum OutputFormat {
        JSONL, PARQUET;

        public static OutputFormat parse(String s) {
            for (OutputFormat f : values()) {
                if (f.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return f;
                }
            }
            throw org.igem.core.IgemException.usage("unknown output format '" + s + "' (expected jsonl or parquet)");
        }

        static OutputFormat of(Path file) {
            return file != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")
                    ? PARQUET : JSONL;
        }
    }

    public AnnotateRequest {
        if (resolve == null) {
            resolve = ResolveOptions.defaults();
        }
        if (threads <= 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        if (onError == null) {
            onError = Annotator.OnError.FAIL;
        }
        if (outputFormat == null) {
            outputFormat = OutputFormat.of(output);
        }
        if (outputFormat == OutputFormat.PARQUET && output == null) {
            throw org.igem.core.IgemException.usage("Parquet output needs --output <file>");
        }
    }

    /** Defaults: format from the extension, field {@code text}, line numbers as ids, stdout JSONL, every core, fail on a bad record. */
    public static AnnotateRequest of(Path input) {
        return new AnnotateRequest(input, null, "text", null, null, null, ResolveOptions.defaults(), 0, null, false);
    }
}
