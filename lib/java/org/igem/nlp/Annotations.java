package org.igem.nlp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collector;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import org.igem.core.IgemException;
import org.igem.parquet.Compression;
import org.igem.parquet.ExportColumn;
import org.igem.parquet.ExportColumn.Kind;
import org.igem.parquet.ParquetRowWriter;
import org.igem.core.LocalFiles;

/**
 * Annotates a corpus file (or stdin) into JSONL (or Parquet): the file-level side of
 * {@code igem nlp annotate} and the DSL's {@code annotate}. A file output is written under a
 * temporary name in its directory and renamed only once complete; a failed or interrupted run
 * leaves no file that looks complete (the temporary file is deleted, on a signal too).
 */
public final class Annotations {
    /** The Parquet columns of the output, in {@link ResolvedMatch#FIELDS} order. */
    static final List<ExportColumn> COLUMNS = List.of(
            col("source_record_id", Kind.STRING, true), col("source_field", Kind.STRING, true),
            col("matched_text", Kind.STRING, false), col("start", Kind.INT32, false), col("end", Kind.INT32, false),
            col("text", Kind.STRING, false), col("norm_start", Kind.INT32, false), col("norm_end", Kind.INT32, false),
            col("context", Kind.STRING, false), col("entity_id", Kind.INT64, false), col("primary_name", Kind.STRING, true),
            col("entity_type_id", Kind.INT32, false), col("entity_type", Kind.STRING, true), col("domain", Kind.STRING, true),
            col("alias_id", Kind.INT64, false), col("alias_value", Kind.STRING, true), col("alias_type", Kind.STRING, true),
            col("xref_source", Kind.STRING, true), col("match_method", Kind.STRING, false),
            col("confidence", Kind.DOUBLE, false), col("review_status", Kind.STRING, false));

    private Annotations() {
    }

    private static ExportColumn col(String name, Kind kind, boolean nullable) {
        return ParquetRowWriter.column(name, kind, nullable);
    }

    /** Runs {@code request} with {@code index}; {@code stdin}/{@code stdout} stand for a null input/output. */
    public static Annotator.Result run(NlpIndex index, AnnotateRequest request, InputStream stdin, OutputStream stdout,
                                       Annotator.Listener listener) {
        Path out = request.output();
        if (out != null && Files.exists(out) && !request.overwrite()) {
            throw new IgemException(out + " already exists; pass --overwrite to replace it");
        }
        if (out != null && Files.isDirectory(out)) {
            throw new IgemException(out + " is a directory");
        }
        if (request.input() != null && !Files.isRegularFile(request.input())) {
            throw new IgemException("input file not found: " + request.input());
        }
        Path tmp = null;
        Thread cleanup = null;
        try (Corpus corpus = Corpus.open(request.input(), stdin, request.format(), request.textField(), request.idField())) {
            if (out != null) {
                Path dir = out.toAbsolutePath().getParent();
                tmp = dir.resolve("." + out.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
                Path t = tmp;
                cleanup = new Thread(() -> LocalFiles.deleteQuietly(t), "igem-annotate-cleanup");
                Runtime.getRuntime().addShutdownHook(cleanup);
            }
            Annotator.Result result;
            if (request.outputFormat() == AnnotateRequest.OutputFormat.PARQUET) {
                try (ParquetRowWriter w = new ParquetRowWriter(tmp, COLUMNS, Compression.ZSTD)) {
                    result = Annotator.run(index, corpus.raws(), corpus.parser(), request.resolve(), request.threads(),
                            request.onError(), ROWS, ms -> ms.forEach(m -> w.write(row(m))), listener);
                }
            } else {
                try (OutputStream os = out == null ? new NonClosing(stdout)
                        : new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    result = Annotator.run(index, corpus.raws(), corpus.parser(), request.resolve(), request.threads(),
                            request.onError(), JSONL, bytes -> bytes.writeTo(os), listener);
                }
            }
            if (out != null) {
                LocalFiles.moveReplacing(tmp, out);
                tmp = null;
            }
            return result;
        } catch (IOException e) {
            throw new IgemException("cannot write " + (out == null ? "the output" : out) + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IgemException("cannot annotate: " + e.getCause().getMessage(), e);
        } finally {
            if (tmp != null) {
                LocalFiles.deleteQuietly(tmp);
            }
            if (cleanup != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException ignored) {
                    // shutting down: the hook runs anyway
                }
            }
        }
    }

    /** The JSONL field names in {@link ResolvedMatch#FIELDS} order, encoded once (copied, not escaped, per match). */
    private static final SerializedString[] NAMES = ResolvedMatch.FIELDS.stream().map(SerializedString::new)
            .toArray(SerializedString[]::new);

    /** A batch's matches, kept as objects: the Parquet writer takes them on the calling thread. */
    private static final Collector<List<ResolvedMatch>, ?, List<ResolvedMatch>> ROWS = Collector.of(ArrayList::new,
            List::addAll, (a, b) -> {
                a.addAll(b);
                return a;
            });

    /** A batch as JSONL, one JSON object per match and line, encoded on the worker record by record. */
    static final Collector<List<ResolvedMatch>, Jsonl, Encoded> JSONL = Collector.of(Jsonl::new, Jsonl::add,
            (a, b) -> {
                throw new UnsupportedOperationException("batches are encoded in order, never merged");
            }, Jsonl::finish);

    /**
     * The text of the usual confidences 1/n, as Jackson writes a double ({@code Double.toString}):
     * one lookup instead of a double-to-text conversion per match.
     */
    private static final String[] CONFIDENCE = java.util.stream.IntStream.range(0, 65)
            .mapToObj(n -> n == 0 ? null : Double.toString(1.0 / n)).toArray(String[]::new);

    /** One batch being encoded: a buffer and the generator writing into it. */
    static final class Jsonl {
        private final Encoded bytes = new Encoded();
        private JsonGenerator g;
        /**
         * The few strings every match repeats (type, domain, alias type, xref source, method, status,
         * field: the same instances throughout) encoded once per batch: a small table by identity.
         */
        private final String[] seen = new String[64];
        private final SerializedString[] encoded = new SerializedString[64];

        void add(List<ResolvedMatch> matches) {
            if (matches.isEmpty()) {
                return;
            }
            try {
                if (g == null) {
                    g = Corpus.JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8);
                    g.setRootValueSeparator(null);
                }
                for (ResolvedMatch m : matches) {
                    write(m);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Encoded finish() {
            if (g != null) {
                try {
                    g.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return bytes;
        }

        private void write(ResolvedMatch m) throws IOException {
            g.writeStartObject();
            g.writeFieldName(NAMES[0]);
            g.writeString(m.sourceRecordId());
            g.writeFieldName(NAMES[1]);
            repeated(m.sourceField());
            g.writeFieldName(NAMES[2]);
            g.writeString(m.matchedText());
            g.writeFieldName(NAMES[3]);
            g.writeNumber(m.start());
            g.writeFieldName(NAMES[4]);
            g.writeNumber(m.end());
            g.writeFieldName(NAMES[5]);
            g.writeString(m.text());
            g.writeFieldName(NAMES[6]);
            g.writeNumber(m.normStart());
            g.writeFieldName(NAMES[7]);
            g.writeNumber(m.normEnd());
            g.writeFieldName(NAMES[8]);
            g.writeString(m.context());
            g.writeFieldName(NAMES[9]);
            g.writeNumber(m.entityId());
            g.writeFieldName(NAMES[10]);
            g.writeString(m.primaryName());
            g.writeFieldName(NAMES[11]);
            g.writeNumber(m.entityTypeId());
            g.writeFieldName(NAMES[12]);
            repeated(m.entityType());
            g.writeFieldName(NAMES[13]);
            repeated(m.domain());
            g.writeFieldName(NAMES[14]);
            g.writeNumber(m.aliasId());
            g.writeFieldName(NAMES[15]);
            g.writeString(m.aliasValue());
            g.writeFieldName(NAMES[16]);
            repeated(m.aliasType());
            g.writeFieldName(NAMES[17]);
            repeated(m.xrefSource());
            g.writeFieldName(NAMES[18]);
            repeated(m.matchMethod());
            g.writeFieldName(NAMES[19]);
            double c = m.confidence();
            int n = (int) Math.round(1 / c);
            if (n >= 1 && n < CONFIDENCE.length && 1.0 / n == c) {
                g.writeNumber(CONFIDENCE[n]);
            } else {
                g.writeNumber(c);
            }
            g.writeFieldName(NAMES[20]);
            repeated(m.reviewStatus());
            g.writeEndObject();
            g.writeRaw('\n');
        }

        private void repeated(String v) throws IOException {
            if (v == null) {
                g.writeNull();
                return;
            }
            int i = System.identityHashCode(v) & (seen.length - 1);
            if (seen[i] != v) {
                seen[i] = v;
                encoded[i] = new SerializedString(v);
            }
            g.writeString(encoded[i]);
        }
    }

    /** A batch's JSONL bytes in 256 KB chunks, written out as they are (no growing array, no {@code toByteArray} copy). */
    static final class Encoded extends OutputStream {
        // Jackson hands over 8 KB at a time; chunks, unlike one growing array, are never copied again
        private static final int CHUNK = 1 << 18;
        private final List<byte[]> full = new ArrayList<>();
        private byte[] current;
        private int pos;

        @Override
        public void write(int b) {
            room();
            current[pos++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                room();
                int n = Math.min(len, current.length - pos);
                System.arraycopy(b, off, current, pos, n);
                pos += n;
                off += n;
                len -= n;
            }
        }

        private void room() {
            if (current == null || pos == current.length) {
                if (current != null) {
                    full.add(current);
                }
                current = new byte[CHUNK];
                pos = 0;
            }
        }

        void writeTo(OutputStream os) {
            try {
                for (byte[] c : full) {
                    os.write(c);
                }
                if (current != null) {
                    os.write(current, 0, pos);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Object[] row(ResolvedMatch m) {
        return new Object[] {m.sourceRecordId(), m.sourceField(), m.matchedText(), m.start(), m.end(), m.text(),
                m.normStart(), m.normEnd(), m.context(), m.entityId(), m.primaryName(), m.entityTypeId(), m.entityType(),
                m.domain(), m.aliasId(), m.aliasValue(), m.aliasType(), m.xrefSource(), m.matchMethod(), m.confidence(),
                m.reviewStatus()};
    }

    /** stdout stays open after the run (flushed only). */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out); // unbuffered: the JSONL arrives in whole batches
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

}
