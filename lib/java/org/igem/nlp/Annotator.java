package org.igem.nlp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

import org.igem.core.IgemException;

/**
 * Annotates a stream of records with one shared, read-only {@link NlpIndex}: records are cut into
 * batches, each batch is parsed and resolved on a worker thread, and the batches' results are
 * handed to the sink strictly in input order (a bounded queue of futures keeps memory flat). With
 * one thread everything runs on the caller's thread. A record that cannot be parsed (invalid JSON,
 * missing field) is a {@link BadRecord}: reported with its line and skipped, or it fails the run,
 * as {@link OnError} says — never dropped silently.
 */
public final class Annotator {
    static final int BATCH_RECORDS = 512;
    static final long BATCH_BYTES = 1 << 20;

    private Annotator() {
    }

    /** What to do with a bad record. */
    public enum OnError {
        SKIP, FAIL;

        public static OnError parse(String s) {
            for (OnError o : values()) {
                if (o.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return o;
                }
            }
            throw IgemException.usage("unknown --on-error '" + s + "' (expected skip or fail)");
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A record as read from its file, parsed into a {@link TextRecord} on a worker ({@link Parser}). */
    public record Raw(long line, Object payload, long bytes) {
    }

    /** Turns a raw record into a text record; throws {@link BadRecordException} for a bad one. */
    public interface Parser {
        TextRecord parse(Raw raw);
    }

    /** A record that could not be annotated: its line (row) and why. */
    public record BadRecord(long line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** Thrown by a {@link Parser}. */
    public static final class BadRecordException extends RuntimeException {
        public BadRecordException(String message) {
            super(message, null, false, false);
        }
    }

    /** Per batch: the records read, their bytes, the matches (encoded by the caller's encoder) and the bad records. */
    public record Batch<T>(int records, long bytes, T encoded, int matches, List<BadRecord> bad) {
    }

    /** Totals of a run. */
    public record Result(long records, long matches, long badRecords, long bytes, double seconds) {
        public double megabytesPerSecond() {
            return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
        }
    }

    /** Sees every batch in order, before the sink (progress bars, warnings). */
    public interface Listener {
        void batch(int records, long bytes, List<BadRecord> bad);
    }

    /**
     * Runs the annotation: reads {@code in} on the calling thread, parses and resolves on
     * {@code threads} workers, encodes each batch with {@code encode} (on the worker: one container
     * per batch, each record's matches added as soon as they are resolved, while they are still in
     * the cache) and passes the batches in input order to {@code sink} (on the calling thread).
     */
    public static <T> Result run(NlpIndex index, Iterator<Raw> in, Parser parser, ResolveOptions options, int threads,
                                 OnError onError, Collector<List<ResolvedMatch>, ?, T> encode, Consumer<T> sink,
                                 Listener listener) {
        long t0 = System.nanoTime();
        long[] totals = new long[4]; // records, matches, bad, bytes
        Consumer<Batch<T>> accept = b -> {
            if (listener != null) {
                listener.batch(b.records(), b.bytes(), b.bad());
            }
            if (!b.bad().isEmpty() && onError == OnError.FAIL) {
                BadRecord first = b.bad().get(0);
                throw new IgemException("bad record at " + first + " (--on-error skip skips bad records)");
            }
            sink.accept(b.encoded());
            totals[0] += b.records();
            totals[1] += b.matches();
            totals[2] += b.bad().size();
            totals[3] += b.bytes();
        };
        if (threads <= 1) {
            while (in.hasNext()) {
                accept.accept(work(index, nextBatch(in), parser, options, onError, encode));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "igem-annotate");
                t.setDaemon(true);
                return t;
            });
            ArrayDeque<Future<Batch<T>>> pending = new ArrayDeque<>();
            try {
                while (in.hasNext()) {
                    List<Raw> raws = nextBatch(in);
                    pending.add(pool.submit(() -> work(index, raws, parser, options, onError, encode)));
                    if (pending.size() >= 2 * threads) {
                        accept.accept(get(pending.poll()));
                    }
                }
                while (!pending.isEmpty()) {
                    accept.accept(get(pending.poll()));
                }
            } finally {
                pending.forEach(f -> f.cancel(true));
                pool.shutdownNow();
            }
        }
        return new Result(totals[0], totals[1], totals[2], totals[3], (System.nanoTime() - t0) / 1e9);
    }

    private static List<Raw> nextBatch(Iterator<Raw> in) {
        List<Raw> raws = new ArrayList<>(64);
        long bytes = 0;
        while (in.hasNext() && raws.size() < BATCH_RECORDS && bytes < BATCH_BYTES) {
            Raw r = in.next();
            raws.add(r);
            bytes += r.bytes();
        }
        return raws;
    }

    private static <A, T> Batch<T> work(NlpIndex index, List<Raw> raws, Parser parser, ResolveOptions options,
                                        OnError onError, Collector<List<ResolvedMatch>, A, T> encode) {
        A encoded = encode.supplier().get();
        BiConsumer<A, List<ResolvedMatch>> add = encode.accumulator();
        int matches = 0;
        List<BadRecord> bad = List.of();
        long bytes = 0;
        for (Raw r : raws) {
            bytes += r.bytes();
            TextRecord rec;
            try {
                rec = parser.parse(r);
            } catch (BadRecordException e) {
                if (bad.isEmpty()) {
                    bad = new ArrayList<>();
                }
                bad.add(new BadRecord(r.line(), e.getMessage()));
                if (onError == OnError.FAIL) {
                    break; // the run stops here: what follows is not needed
                }
                continue;
            }
            List<ResolvedMatch> found = index.resolve(rec.text(), options, rec.id(), rec.field());
            matches += found.size();
            add.accept(encoded, found);
        }
        return new Batch<>(raws.size(), bytes, encode.finisher().apply(encoded), matches, bad);
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IgemException("annotation interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IgemException("annotation failed: " + c, c);
        }
    }
}
