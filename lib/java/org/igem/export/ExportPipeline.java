package org.igem.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

import org.igem.core.IgemException;
import org.igem.parquet.RowBatch;

/**
 * Overlaps reading and encoding: the calling thread fills {@link RowBatch}es from the database and
 * hands them over, one writer thread encodes them ({@link Sink}) in the order they were handed
 * over. A fixed set of batches circulates between the two, so memory is bounded and nothing is
 * allocated per batch. When encoding fails the writer keeps taking batches back without encoding
 * them, so the reader never blocks, and the failure is rethrown on the reader's next call.
 */
final class ExportPipeline {
    /** Encodes one batch; runs on the writer thread only. */
    interface Sink {
        void write(RowBatch batch) throws IOException;
    }

    private final BlockingQueue<RowBatch> free;
    private final BlockingQueue<RowBatch> full;
    /** Marks the end of the stream in {@link #full}. */
    private final RowBatch end;
    private final Sink sink;
    private final Thread thread;
    private volatile Throwable failure;
    private boolean closed;

    ExportPipeline(String name, int batches, Supplier<RowBatch> newBatch, Sink sink) {
        this.free = new ArrayBlockingQueue<>(batches);
        // room for every batch and the end mark: the reader never waits on a put
        this.full = new ArrayBlockingQueue<>(batches + 1);
        for (int i = 0; i < batches; i++) {
            free.add(newBatch.get());
        }
        this.end = newBatch.get();
        this.sink = sink;
        this.thread = new Thread(this::run, name);
        // an abandoned writer must never keep the JVM alive
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            for (RowBatch b = full.take(); b != end; b = full.take()) {
                if (failure == null) {
                    try {
                        sink.write(b);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                b.clear();
                free.add(b);
            }
        } catch (InterruptedException e) {
            failure = failure != null ? failure : e;
        }
    }

    /** An empty batch to fill; waits while the writer is behind. */
    RowBatch take() throws IOException {
        rethrow();
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IgemException("export interrupted", e);
        }
    }

    /** Hands a filled batch to the writer. */
    void submit(RowBatch b) throws IOException {
        full.add(b);
        rethrow();
    }

    /** Waits until every submitted batch is encoded; rethrows the writer's failure. */
    void finish() throws IOException {
        stop();
        rethrow();
    }

    /** Stops the writer after a failure of the reader (batches not yet encoded are dropped). */
    void abort() {
        if (failure == null) {
            failure = new IllegalStateException("export aborted");
        }
        stop();
    }

    private void stop() {
        if (closed) {
            return;
        }
        closed = true;
        full.add(end);
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // the writer still owns the Parquet writer: wait for it before anyone closes the file
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof UncheckedIOException e) {
            throw e.getCause();
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IgemException("export writer failed: " + t, t);
    }
}
