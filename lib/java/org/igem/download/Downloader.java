package org.igem.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.igem.core.IgemException;
import org.igem.core.Version;
import org.igem.download.DownloadResult.FileResult;
import org.igem.download.DownloadResult.Status;
import org.igem.core.Hashing;
import org.igem.core.ByteSizes;
import org.igem.snapshot.SnapshotNlp;
import org.igem.snapshot.Manifest;
import org.igem.snapshot.ManifestWriter;
import org.igem.snapshot.SnapshotPaths;
import org.igem.snapshot.SnapshotLock;
import org.igem.core.LocalFiles;

/**
 * Downloads a snapshot directory served over HTTP(S): {@code manifest.json} first (validated as
 * untrusted input before anything is written), then every file in parallel, each streamed to
 * {@code <file>.part} while hashing, checked against the manifest and atomically renamed;
 * {@code manifest.json} is written last and only when every file succeeded.
 *
 * <p>HTTP is the JDK's {@link HttpURLConnection} with blocking reads, one connection per worker
 * (kept alive between files). Measured against the JDK {@code HttpClient} on loopback it needs about
 * half the CPU per byte (no selector thread hand-off, one copy less per read), starts without
 * initialising TLS for http:// URLs, and leaves no thread parked in native code, which the JVM
 * would wait 0.3 s for at exit.
 *
 * <p>Retries: an {@link IOException} (connection reset, cut transfer, timeout), HTTP 5xx, 408 and
 * 429 are transient and retried up to {@link DownloadOptions#maxAttempts()} times with exponential
 * backoff ({@code backoff}, then ×2 each time, at most 10 s; a {@code Retry-After} in seconds is
 * honoured up to 30 s). A later attempt continues the {@code .part} with a {@code Range} request.
 * Any other 4xx, a refused redirect, a size or hash mismatch fails the file at once and removes
 * its partial file. A file that failed on a transient error after its last attempt keeps its
 * {@code .part} when it holds data, so the next run resumes it; an empty one is removed.
 *
 * <p>Giving up: once a file has failed all its attempts because the server stopped answering
 * (timeouts, refused connections), or a local write failed (disk full), the run stops: files not
 * yet started are {@linkplain Status#SKIPPED skipped} and running ones get no further attempt, so
 * a dead server costs about {@code attempts × timeout}, not that per file.
 *
 * <p>The output directory is locked ({@link SnapshotLock}) for the whole run; before anything is
 * created every target path is checked for planted symbolic links, and what a dead run left
 * ({@code .part} files of files the manifest no longer lists, temporary manifests) is removed.
 * Credentials in the URL's userinfo are sent as HTTP Basic authentication to that host only and
 * never shown ({@link UrlText}).
 */
public final class Downloader {
    private static final int MAX_REDIRECTS = 5;
    private static final long MAX_MANIFEST_BYTES = Manifest.MAX_BYTES;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)", Pattern.CASE_INSENSITIVE);
    private static final int BUFFER = 1 << 16;
    /** Read size for file bodies: 128-256 KiB needed the least CPU per byte on loopback (64 KiB ~10% more). */
    private static final int STREAM_BUFFER = 256 << 10;

    private final DownloadOptions opt;
    private final DownloadListener listener;
    private final AtomicLong fetched = new AtomicLong();
    /** Why the run stopped early (the server stopped answering, a local write failed), or null. */
    private final java.util.concurrent.atomic.AtomicReference<String> stopped = new java.util.concurrent.atomic.AtomicReference<>();
    private Path root;

    public Downloader(DownloadOptions options) {
        this(options, DownloadListener.NONE);
    }

    public Downloader(DownloadOptions options, DownloadListener listener) {
        this.opt = options;
        this.listener = listener == null ? DownloadListener.NONE : listener;
    }

    /**
     * Runs the download. Failures of single files are reported in the result ({@link DownloadResult#ok()});
     * an unusable output directory, an unreachable or invalid manifest throw {@link IgemException} (exit 1).
     */
    public DownloadResult run() {
        long t0 = System.nanoTime();
        // JSON parsing and SHA-256 set-up cost ~0.1 s of class loading on a fresh JVM: done on a second
        // thread while this one connects and fetches the manifest
        Thread preload = new Thread(() -> {
            try {
                Manifest.preload();
                Hashing.sha256();
            } catch (Throwable ignored) {
                // the main thread meets the same problem and reports it in one line
            }
        }, "igem-download-preload");
        preload.setDaemon(true);
        preload.start();
        Path out = opt.output().toAbsolutePath().normalize();
        checkOutput(out);
        // one writer per directory for the whole run; a directory the lock had to create and that
        // stays empty (bad manifest, unreachable server) is removed again on close
        try (SnapshotLock lock = SnapshotLock.acquire(out, "db snapshot-download")) {
            return runLocked(out, t0);
        }
    }

    private DownloadResult runLocked(Path out, long t0) {
        URI manifestUrl = opt.url().resolve(Manifest.FILE_NAME);
        String shownUrl = UrlText.redact(manifestUrl);
        byte[] manifestBytes = fetchManifest(manifestUrl);
        Manifest manifest;
        try {
            manifest = Manifest.parseValidated(new String(manifestBytes, StandardCharsets.UTF_8), out, shownUrl);
        } catch (IgemException e) {
            throw new IgemException(UrlText.safe(e.getMessage()));
        }

        List<String> warnings = new ArrayList<>();
        if (opt.includeNlp() && !manifest.hasNlpCache()) {
            warnings.add("--include-nlp: the manifest at " + shownUrl + " lists no NLP cache; downloading the tables only");
        }
        List<Manifest.FileEntry> entries = manifest.files(opt.includeNlp());
        // before anything is created: no target may lie behind a symbolic link planted in the directory
        for (Manifest.FileEntry e : entries) {
            SnapshotPaths.requireNoLinks(out, e.file(), "");
            SnapshotPaths.requireNoLinks(out, e.file(), SnapshotPaths.PART_SUFFIX);
        }
        for (String w : warnings) {
            listener.warning(w);
        }
        // nothing was written so far; from here on the directory is being changed
        try {
            root = out.toRealPath();
            // a previous manifest would make a half-updated directory look complete
            Files.deleteIfExists(out.resolve(Manifest.FILE_NAME));
            removeDebris(entries);
        } catch (IOException e) {
            throw new IgemException("cannot prepare output directory " + out + ": " + e.getMessage(), e);
        }
        listener.started(manifest, entries);

        List<FileResult> results = fetchAll(entries);
        boolean allOk = results.stream().allMatch(FileResult::ok);
        if (allOk) {
            // The local manifest describes what is local: without --include-nlp the cache was not
            // fetched, so its entry is dropped (db verify would otherwise report it missing).
            writeManifest(out, opt.includeNlp() || manifest.nlp().isEmpty() ? manifestBytes : withoutNlp(manifestBytes));
            SnapshotNlp.discardIfStale(out, listener::warning);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        return new DownloadResult(opt.url(), out, manifest, List.copyOf(results), fetched.get(), elapsed, List.copyOf(warnings),
                allOk, stopped.get());
    }

    /**
     * What a dead or failed run left and nothing will resume: {@code .part} files of files this
     * manifest does not list (in the directory and in the directories of its files) and temporary
     * manifests. Only our own suffixes, never following links.
     */
    private void removeDebris(List<Manifest.FileEntry> entries) throws IOException {
        java.util.Set<Path> keep = new java.util.HashSet<>();
        java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
        dirs.add(root);
        for (Manifest.FileEntry e : entries) {
            Path t = SnapshotPaths.resolve(root, e.file());
            keep.add(t.resolveSibling(t.getFileName() + SnapshotPaths.PART_SUFFIX));
            dirs.add(t.getParent());
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    boolean debris = (n.endsWith(SnapshotPaths.PART_SUFFIX) && !keep.contains(p))
                            || (d.equals(root) && n.startsWith("." + Manifest.FILE_NAME + ".") && n.endsWith(".tmp"));
                    if (debris && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private static void checkOutput(Path out) {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new IgemException("output " + out + " exists and is not a directory");
            }
            if (!Files.isWritable(out)) {
                throw new IgemException("output directory " + out + " is not writable");
            }
            return;
        }
        Path parent = out.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IgemException("cannot create output directory " + out + ": parent directory " + parent + " does not exist");
        }
    }

    private List<FileResult> fetchAll(List<Manifest.FileEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(opt.workers(), entries.size());
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "igem-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, tf);
        List<Manifest.FileEntry> order = new ArrayList<>(entries);
        try {
            // biggest first so the long transfers start early; results keep manifest order
            order.sort(Comparator.comparingLong(Manifest.FileEntry::sizeBytes).reversed());
            java.util.Map<Manifest.FileEntry, Future<FileResult>> futures = new java.util.IdentityHashMap<>();
            for (Manifest.FileEntry e : order) {
                futures.put(e, pool.submit(() -> {
                    String why = stopped.get();
                    FileResult r = why != null
                            ? new FileResult(e.name(), e.file(), e.sizeBytes(), Status.SKIPPED, "not attempted: " + why, 0, 0, false)
                            : fetchOne(e);
                    listener.fileDone(r);
                    return r;
                }));
            }
            List<FileResult> results = new ArrayList<>();
            for (Manifest.FileEntry e : entries) {
                try {
                    results.add(futures.get(e).get());
                } catch (ExecutionException ex) {
                    Throwable c = ex.getCause();
                    results.add(new FileResult(e.name(), e.file(), e.sizeBytes(), Status.FAILED,
                            UrlText.safe(c.getClass().getSimpleName() + ": " + c.getMessage()), 0, 0, false));
                }
            }
            return results;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IgemException("download interrupted", ie);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- one file

    /** A failure worth another attempt (network trouble, 5xx, 408, 429). */
    private static final class Transient extends Exception {
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
         * silence of the snapshot's own server counts as "stopped answering" (a dead mirror that one
         * redirect leads to says nothing about the other files).
         */
        static Transient network(IOException io, String message, URI where, URI base) {
            boolean silent = io instanceof SocketTimeoutException || io instanceof java.net.ConnectException
                    || io instanceof java.net.UnknownHostException || io instanceof java.net.NoRouteToHostException;
            return new Transient(message, null, silent && sameOrigin(where, base));
        }
    }

    /** A failure that no retry fixes (4xx, refused redirect, size or hash mismatch). */
    private static final class Permanent extends Exception {
        Permanent(String message) {
            super(message);
        }
    }

    /** What one transfer attempt left in the .part file. */
    private record Transfer(String sha256, long reused, long received) {
    }

    private FileResult fetchOne(Manifest.FileEntry e) {
        Path target = SnapshotPaths.resolve(root, e.file());
        Path part = target.resolveSibling(target.getFileName() + SnapshotPaths.PART_SUFFIX);
        long before = 0;
        int attempts = 0;
        try {
            // checked again right before creating (the run checked every path before it started)
            SnapshotPaths.requireNoLinks(root, e.file(), "");
            SnapshotPaths.requireInsideReal(root, target, e.file());
            Files.createDirectories(target.getParent());
            if (Files.isSymbolicLink(part)) {
                Files.delete(part); // never write through a link
            }
            SnapshotPaths.requireInsideReal(root, target, e.file());
            SnapshotPaths.requireInsideReal(root, part, e.file());
            if (!opt.overwrite() && isCached(target, e)) {
                Files.deleteIfExists(part);
                return new FileResult(e.name(), e.file(), e.sizeBytes(), Status.CACHED, null, 0, 0, false);
            }
            if (opt.overwrite()) {
                Files.deleteIfExists(part);
            }
        } catch (IgemException | IOException ex) {
            return failed(e, "cannot prepare " + e.file() + ": " + ex.getMessage(), 0, 0, false);
        }

        URI url = opt.url().resolve(encodePath(e.file()));
        long received = 0;
        boolean resumed = false;
        boolean restartedAfterMismatch = false;
        Duration wait = opt.backoff();
        String lastFailure = null;
        while (true) {
            String why = stopped.get();
            if (lastFailure != null && why != null) {
                // the run gave up while this file waited for its next attempt
                boolean kept = keepOrRemove(part);
                return failed(e, lastFailure + " (after " + attempts + " attempt" + (attempts > 1 ? "s" : "") + "); no further attempt: "
                        + why + (kept ? "; partial file kept for resume" : ""), received, attempts, kept);
            }
            attempts++;
            try {
                Transfer t = transfer(e, part, url);
                received += t.received();
                resumed |= t.reused() > 0;
                if (!t.sha256().equals(e.sha256())) {
                    Files.deleteIfExists(part);
                    if (t.reused() > 0 && !restartedAfterMismatch) {
                        // the reused partial data may be what is wrong: one fresh download
                        restartedAfterMismatch = true;
                        resumed = false;
                        attempts--;
                        continue;
                    }
                    return failed(e, "sha256 mismatch (got " + Hashing.shortHex(t.sha256()) + ", expected "
                            + Hashing.shortHex(e.sha256()) + ")", received, attempts, false);
                }
                LocalFiles.moveReplacing(part, target);
                return new FileResult(e.name(), e.file(), e.sizeBytes(), resumed ? Status.RESUMED : Status.DOWNLOADED, null,
                        received, attempts, false);
            } catch (Permanent p) {
                LocalFiles.deleteQuietly(part);
                return failed(e, p.getMessage(), received, attempts, false);
            } catch (Transient t) {
                why = stopped.get();
                if (attempts >= opt.maxAttempts() || why != null) {
                    boolean kept = keepOrRemove(part);
                    String msg = t.getMessage() + (attempts > 1 ? " (after " + attempts + " attempts)" : "")
                            + (attempts < opt.maxAttempts() ? "; no further attempt: " + why : "")
                            + (kept ? "; partial file kept for resume" : "");
                    if (t.unanswered) {
                        stopped.compareAndSet(null, UrlText.safe("the server stopped answering (" + t.getMessage() + ")"));
                    }
                    return failed(e, msg, received, attempts, kept);
                }
                lastFailure = t.getMessage();
                Duration sleep = wait;
                if (t.retryAfter != null && t.retryAfter.compareTo(sleep) > 0) {
                    sleep = t.retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : t.retryAfter;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
                try {
                    Thread.sleep(sleep.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return failed(e, "interrupted", received, attempts, keepOrRemove(part));
                }
            } catch (IOException io) {
                // local trouble (disk full, permissions): not something a retry fixes, nor another file
                String msg = "local I/O error: " + io.getMessage();
                stopped.compareAndSet(null, UrlText.safe(msg));
                boolean kept = keepOrRemove(part);
                return failed(e, msg + (kept ? "; partial file kept for resume" : ""), received, attempts, kept);
            }
        }
    }

    private static FileResult failed(Manifest.FileEntry e, String why, long received, int attempts, boolean kept) {
        return new FileResult(e.name(), e.file(), e.sizeBytes(), Status.FAILED, UrlText.safe(why), received, attempts, kept);
    }

    /** After a failure: a .part holding data is kept for a resume, an empty one is removed. Returns "kept". */
    private static boolean keepOrRemove(Path part) {
        if (Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) && sizeQuietly(part) > 0) {
            return true;
        }
        LocalFiles.deleteQuietly(part);
        return false;
    }

    private static boolean isCached(Path target, Manifest.FileEntry e) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || Files.size(target) != e.sizeBytes()) {
            return false;
        }
        return Hashing.sha256(target).equals(e.sha256());
    }

    /**
     * One HTTP attempt: continues {@code part} when it holds data (Range request), else starts from
     * zero. Returns the sha256 of the complete .part file. Local file errors surface as IOException.
     */
    private Transfer transfer(Manifest.FileEntry e, Path part, URI url) throws Transient, Permanent, IOException {
        long have = Files.exists(part, LinkOption.NOFOLLOW_LINKS) ? Files.size(part) : 0;
        if (have > e.sizeBytes()) {
            Files.delete(part);
            have = 0;
        }
        MessageDigest md = Hashing.sha256();
        if (have > 0) {
            long hashed = Hashing.update(md, part);
            if (hashed != have) {
                throw new IOException("partial file " + part + " changed while being read");
            }
        }
        if (have == e.sizeBytes() && have > 0) {
            // a complete .part from an interrupted rename: no request needed
            return new Transfer(Hashing.hex(md.digest()), have, 0);
        }
        boolean allowRange = true;
        while (true) {
            boolean ranged = allowRange && have > 0;
            HttpURLConnection c = get(url, ranged ? have : -1);
            boolean ok = false;
            try {
                int code = c.getResponseCode();
                boolean append;
                if (code == 206 && ranged) {
                    long[] cr = contentRange(c);
                    if (cr == null || cr[0] != have || (cr[2] >= 0 && cr[2] != e.sizeBytes())) {
                        // not the range we asked for: start over without Range
                        allowRange = false;
                        md.reset();
                        have = 0;
                        continue;
                    }
                    append = true;
                } else if (code == 200) {
                    long len = c.getContentLengthLong();
                    if (len >= 0 && len != e.sizeBytes()) {
                        throw new Permanent("size mismatch: server sends " + len + " bytes, manifest says " + e.sizeBytes());
                    }
                    append = false;
                    if (have > 0) {
                        md.reset();
                        have = 0;
                    }
                } else if (code == 416 && ranged) {
                    allowRange = false;
                    md.reset();
                    have = 0;
                    continue;
                } else {
                    Exception f = statusFailure(c, url);
                    if (f instanceof Transient t) {
                        throw t;
                    }
                    throw (Permanent) f;
                }
                long got;
                try (InputStream body = openBody(c, url)) {
                    got = stream(body, part, append, md, have, e.sizeBytes(), uriOf(c, url));
                }
                ok = true;
                return new Transfer(Hashing.hex(md.digest()), have, got);
            } finally {
                if (!ok) {
                    // never hand a half-read or refused connection back to the keep-alive cache
                    c.disconnect();
                }
            }
        }
    }

    /**
     * Copies the body into {@code part}, hashing the same buffer; returns the bytes received. A read
     * that waits longer than {@link DownloadOptions#idleTimeout()} (the connection's read timeout)
     * abandons the transfer as a transient failure.
     */
    private long stream(InputStream body, Path part, boolean append, MessageDigest md, long have, long expected, URI from)
            throws Transient, Permanent, IOException {
        long got = 0;
        byte[] buf = new byte[STREAM_BUFFER];
        try (OutputStream os = append
                ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)
                : Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                int r;
                try {
                    r = body.read(buf);
                } catch (IOException net) {
                    throw network(net, from, "transfer interrupted after " + (have + got) + " of " + expected + " bytes ("
                            + describe(net) + ")");
                }
                if (r < 0) {
                    break;
                }
                if (have + got + r > expected) {
                    throw new Permanent("size mismatch: server sent more than the " + expected + " bytes the manifest lists");
                }
                os.write(buf, 0, r);
                md.update(buf, 0, r);
                got += r;
                fetched.addAndGet(r);
            }
        }
        if (have + got < expected) {
            throw new Transient("connection closed after " + (have + got) + " of " + expected + " bytes", null);
        }
        return got;
    }

    /** The body of a 2xx response; failing to open it is network trouble. */
    private InputStream openBody(HttpURLConnection c, URI url) throws Transient {
        try {
            return c.getInputStream();
        } catch (IOException io) {
            throw network(io, uriOf(c, url), describe(io) + " (" + url + ")");
        }
    }

    /**
     * GET with manual redirects: only to http/https, never from https down to http, at most 5 hops.
     * Returns a connection whose status line and headers have been read.
     */
    private HttpURLConnection get(URI url, long rangeFrom) throws Transient, Permanent {
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpURLConnection c;
            try {
                c = (HttpURLConnection) current.toURL().openConnection();
            } catch (MalformedURLException | IllegalArgumentException bad) {
                throw new Permanent("bad URL " + current + ": " + bad.getMessage());
            } catch (IOException io) {
                throw network(io, current, describe(io) + " (" + current + ")");
            }
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, opt.idleTimeout().toMillis()));
            c.setConnectTimeout(timeout);
            // the idle timeout: how long one read (status line, headers or body) may wait for data
            c.setReadTimeout(timeout);
            String auth = basicAuth(current);
            if (auth != null) {
                c.setRequestProperty("Authorization", auth);
            }
            c.setRequestProperty("User-Agent", "igem-java/" + Version.VERSION);
            c.setRequestProperty("Accept-Encoding", "identity");
            if (rangeFrom > 0) {
                c.setRequestProperty("Range", "bytes=" + rangeFrom + "-");
            }
            int code;
            try {
                code = c.getResponseCode();
            } catch (IOException io) {
                c.disconnect();
                throw network(io, current, describe(io) + " (" + current + ")");
            } catch (IllegalArgumentException iae) {
                c.disconnect();
                throw new Permanent("bad URL " + current + ": " + iae.getMessage());
            }
            if (code < 0) {
                c.disconnect();
                throw new Transient("not a valid HTTP response (" + current + ")", null);
            }
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
                return c;
            }
            String loc = c.getHeaderField("Location");
            c.disconnect();
            if (loc == null) {
                throw new Permanent("HTTP " + code + " redirect without a Location header (" + current + ")");
            }
            if (hop >= MAX_REDIRECTS) {
                throw new Permanent("too many redirects (" + url + ")");
            }
            URI next;
            try {
                next = current.resolve(new URI(loc.trim()));
            } catch (java.net.URISyntaxException | IllegalArgumentException ex) {
                throw new Permanent("HTTP " + code + " redirect to an invalid location: " + loc);
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new Permanent("redirect to a non-HTTP location refused: " + next);
            }
            if (scheme.equals("http") && current.getScheme().equalsIgnoreCase("https")) {
                throw new Permanent("redirect from https to http refused: " + next);
            }
            current = next;
        }
    }

    private Transient network(IOException io, URI where, String message) {
        return Transient.network(io, message, where, opt.url());
    }

    private static URI uriOf(HttpURLConnection c, URI fallback) {
        try {
            return c.getURL().toURI();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return fallback;
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a != null && b != null && a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * {@code Authorization: Basic} from the userinfo of the base URL, for requests to that same
     * scheme, host and port only (never to a host a redirect leads to).
     */
    private String basicAuth(URI current) {
        URI base = opt.url();
        String info = base.getUserInfo();
        if (info == null || info.isEmpty()) {
            return null;
        }
        if (!sameOrigin(current, base)) {
            return null;
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8));
    }

    private Exception statusFailure(HttpURLConnection c, URI url) throws Transient {
        int code;
        try {
            code = c.getResponseCode();
        } catch (IOException io) {
            throw network(io, uriOf(c, url), describe(io) + " (" + url + ")");
        }
        if (code >= 500 || code == 429 || code == 408) {
            return new Transient("HTTP " + code + " (" + url + ")", retryAfter(c));
        }
        return new Permanent("HTTP " + code + " (" + url + ")");
    }

    private static Duration retryAfter(HttpURLConnection c) {
        String v = c.getHeaderField("Retry-After");
        if (v == null) {
            return null;
        }
        try {
            long s = Long.parseLong(v.trim());
            return s >= 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException nfe) {
            return null;
        }
    }

    /** {@code [first, last, total]} of a Content-Range header (total -1 for "*"), or null. */
    private static long[] contentRange(HttpURLConnection c) {
        String v = c.getHeaderField("Content-Range");
        if (v == null) {
            return null;
        }
        Matcher m = CONTENT_RANGE.matcher(v.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3))};
        } catch (NumberFormatException nfe) {
            return null;
        }
    }

    // ---------------------------------------------------------------- manifest

    private byte[] fetchManifest(URI url) {
        Duration wait = opt.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpURLConnection c = get(url, -1);
                boolean ok = false;
                try {
                    if (c.getResponseCode() != 200) {
                        Exception f = statusFailure(c, url);
                        if (f instanceof Transient t) {
                            throw t;
                        }
                        throw new IgemException(UrlText.safe("cannot fetch the snapshot manifest " + url + ": "
                                + f.getMessage().replace(" (" + url + ")", "")));
                    }
                    byte[] bytes;
                    try (InputStream body = c.getInputStream()) {
                        bytes = readCapped(body, url);
                    }
                    ok = true;
                    return bytes;
                } catch (IOException io) {
                    throw network(io, url, describe(io));
                } finally {
                    if (!ok) {
                        c.disconnect();
                    }
                }
            } catch (Transient t) {
                if (attempt >= opt.maxAttempts()) {
                    throw new IgemException(UrlText.safe("cannot fetch the snapshot manifest " + url + ": "
                            + t.getMessage().replace(" (" + url + ")", "") + (attempt > 1 ? " (after " + attempt + " attempts)" : "")));
                }
                sleep(t.retryAfter != null && t.retryAfter.compareTo(wait) > 0
                        ? (t.retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : t.retryAfter) : wait);
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            } catch (Permanent p) {
                throw new IgemException(UrlText.safe("cannot fetch the snapshot manifest " + url + ": "
                        + p.getMessage().replace(" (" + url + ")", "")));
            }
        }
    }

    private byte[] readCapped(InputStream body, URI url) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[BUFFER];
        int r;
        while ((r = body.read(chunk)) > 0) {
            buf.write(chunk, 0, r);
            fetched.addAndGet(r);
            if (buf.size() > MAX_MANIFEST_BYTES) {
                throw new IgemException(UrlText.safe("invalid manifest " + url + ": larger than the "
                        + ByteSizes.human(MAX_MANIFEST_BYTES) + " this igem accepts"));
            }
        }
        return buf.toByteArray();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IgemException("download interrupted", ie);
        }
    }

    private static byte[] withoutNlp(byte[] manifestBytes) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(manifestBytes);
            root.remove(Manifest.NLP_NAME);
            return (mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IgemException("cannot rewrite the manifest without its nlp entry: " + e.getMessage(), e);
        }
    }

    private static void writeManifest(Path out, byte[] bytes) {
        try {
            ManifestWriter.write(out, bytes);
        } catch (IOException e) {
            throw new IgemException("cannot write " + out.resolve(Manifest.FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers


    /** Percent-encodes each segment of a (validated, relative) manifest path for use in a URL. */
    static String encodePath(String file) {
        StringBuilder b = new StringBuilder();
        for (String seg : file.split("/", -1)) {
            if (b.length() > 0) {
                b.append('/');
            }
            for (byte by : seg.getBytes(StandardCharsets.UTF_8)) {
                int c = by & 0xff;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                    b.append((char) c);
                } else {
                    b.append('%').append(String.format("%02X", c));
                }
            }
        }
        return b.toString();
    }

    private String describe(IOException e) {
        if (e instanceof SocketTimeoutException && !String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
            // a read timeout is the idle timeout
            Duration idle = opt.idleTimeout();
            return "no data for " + (idle.toMillis() < 1000 ? idle.toMillis() + " ms" : idle.toSeconds() + " s");
        }
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + m;
    }

    private static long sizeQuietly(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

}
