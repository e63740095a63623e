package org.igem.download;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

/**
 * The one retry policy of a download, used alike for {@code manifest.json} and for every file:
 * how many attempts, how long to wait between them, and which failures are worth another one.
 *
 * <p>Retryable ({@link Transient}): an {@link IOException} talking to the server (connection reset,
 * cut transfer, timeout), HTTP 5xx, 408 and 429. The wait starts at {@code backoff} and doubles
 * after each attempt up to {@value #MAX_BACKOFF_SECONDS} s; a longer {@code Retry-After} (seconds)
 * is honoured up to {@value #MAX_RETRY_AFTER_SECONDS} s. Everything else ({@link Permanent}: other
 * 4xx, a refused redirect, a size or hash mismatch) fails at once.
 */
final class RetryPolicy {
    static final int MAX_BACKOFF_SECONDS = 10;
    static final int MAX_RETRY_AFTER_SECONDS = 30;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(MAX_BACKOFF_SECONDS);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(MAX_RETRY_AFTER_SECONDS);

    private final int maxAttempts;
    private final Duration backoff;

    RetryPolicy(int maxAttempts, Duration backoff) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    static RetryPolicy of(DownloadOptions o) {
        return new RetryPolicy(o.maxAttempts(), o.backoff());
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** True when {@code attempts} made so far leave none. */
    boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** " (after N attempts)" for messages, empty after a single one. */
    static String afterAttempts(int attempts) {
        return attempts > 1 ? " (after " + attempts + " attempts)" : "";
    }

    /** The failure an HTTP status other than the expected one stands for. */
    static Exception forStatus(int code, String message, Duration retryAfter) {
        if (code >= 500 || code == 429 || code == 408) {
            return new Transient(message, retryAfter);
        }
        return new Permanent(message);
    }

    /** The waits of one request (the manifest, or one file), from the first retry on. */
    Backoff backoff() {
        return new Backoff(backoff);
    }

    static final class Backoff {
        private Duration wait;

        private Backoff(Duration first) {
            this.wait = first;
        }

        /** How long to wait before the next attempt after {@code failure}; the following wait doubles. */
        Duration next(Transient failure) {
            Duration sleep = wait;
            Duration ra = failure.retryAfter;
            if (ra != null && ra.compareTo(sleep) > 0) {
                sleep = ra.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : ra;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            return sleep;
        }

        /** Sleeps {@link #next(Transient)}. */
        void sleep(Transient failure) throws InterruptedException {
            Thread.sleep(next(failure).toMillis());
        }
    }

    /** A failure worth another attempt (network trouble, 5xx, 408, 429). */
    static final class Transient extends Exception {
        final Duration retryAfter;
        /** No answer at all (timeout, refused or unreachable): the sign of a server that stopped answering. */
        final boolean unanswered;

        Transient(String message, Duration retryAfter) {
            this(message, retryAfter, false);
        }

        Transient(String message, Duration retryAfter, boolean unanswered) {
            super(message);
            this.retryAfter = retryAfter;
            this.unanswered = unanswered;
        }

        /**
         * Network trouble talking to {@code where}: {@code message} already describes {@code io}. Only
         * silence of the snapshot's own server ({@code base}) counts as "stopped answering" (a dead
         * mirror that one redirect leads to says nothing about the other files).
         */
        static Transient network(IOException io, String message, URI where, URI base) {
            boolean silent = io instanceof SocketTimeoutException || io instanceof java.net.ConnectException
                    || io instanceof java.net.UnknownHostException || io instanceof java.net.NoRouteToHostException;
            return new Transient(message, null, silent && HttpFetcher.sameOrigin(where, base));
        }
    }

    /** A failure that no retry fixes (4xx, refused redirect, size or hash mismatch). */
    static final class Permanent extends Exception {
        Permanent(String message) {
            super(message);
        }
    }
}
