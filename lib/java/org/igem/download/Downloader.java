package org.igem.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.igem.core.IgemException;
import org.igem.download.DownloadResult.FileResult;
import org.igem.download.DownloadResult.Status;
import org.igem.download.RetryPolicy.Permanent;
import org.igem.download.RetryPolicy.Transient;
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
 * <p>HTTP is {@link HttpFetcher} (one for the manifest and every file) and retries follow one
 * {@link RetryPolicy}: transient failures (network trouble, 5xx, 408, 429) are retried up to
 * {@link DownloadOptions#maxAttempts()} times with exponential backoff; a later attempt continues the
 * {@code .part} with a {@code Range} request. Any other 4xx, a refused redirect, a size or hash
 * mismatch fails the file at once and removes its partial file. A file that failed on a transient
 * error after its last attempt keeps its {@code .part} when it holds data, so the next run resumes
 * it; an empty one is removed.
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
    private static final long MAX_MANIFEST_BYTES = Manifest.MAX_BYTES;

    private final DownloadOptions opt;
    private final DownloadListener listener;
    private final HttpFetcher http;
    private final RetryPolicy retry;
    /** Why the run stopped early (the server stopped answering, a local write failed), or null. */
    private final java.util.concurrent.atomic.AtomicReference<String> stopped = new java.util.concurrent.atomic.AtomicReference<>();
    private Path root;

    public Downloader(DownloadOptions options) {
        this(options, DownloadListener.NONE);
    }

    public Downloader(DownloadOptions options, DownloadListener listener) {
        this.opt = options;
        this.listener = listener == null ? DownloadListener.NONE : listener;
        this.http = new HttpFetcher(options.url(), options.idleTimeout());
        this.retry = RetryPolicy.of(options);
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
            Map<String, Object> local = manifest.toMap();
            if (opt.includeNlp() || manifest.nlp().isEmpty()) {
                writeManifest(out, manifestBytes);   // byte for byte as the server has it
            } else {
                local.remove(Manifest.NLP_NAME);
                writeManifest(out, local);
            }
            SnapshotNlp.discardIfStale(out, local, listener::warning);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        return new DownloadResult(opt.url(), out, manifest, List.copyOf(results), http.fetched(), elapsed, List.copyOf(warnings),
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
        RetryPolicy.Backoff backoff = retry.backoff();
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
                if (retry.exhausted(attempts) || why != null) {
                    boolean kept = keepOrRemove(part);
                    String msg = t.getMessage() + RetryPolicy.afterAttempts(attempts)
                            + (!retry.exhausted(attempts) ? "; no further attempt: " + why : "")
                            + (kept ? "; partial file kept for resume" : "");
                    if (t.unanswered) {
                        stopped.compareAndSet(null, UrlText.safe("the server stopped answering (" + t.getMessage() + ")"));
                    }
                    return failed(e, msg, received, attempts, kept);
                }
                lastFailure = t.getMessage();
                try {
                    backoff.sleep(t);
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
            HttpURLConnection c = http.get(url, ranged ? have : -1);
            boolean ok = false;
            try {
                int code = http.status(c, url);
                boolean append;
                if (code == 206 && ranged) {
                    long[] cr = HttpFetcher.contentRange(c);
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
                    throw http.failure(c, url);
                }
                long got;
                try (InputStream body = http.openBody(c, url)) {
                    got = stream(body, part, append, md, have, e.sizeBytes(), HttpFetcher.uriOf(c, url));
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
     * Copies the body into {@code part} (appending to what a resumed transfer has), hashing the
     * same buffer; returns the bytes received. A read that waits longer than
     * {@link DownloadOptions#idleTimeout()} abandons the transfer as a transient failure.
     */
    private long stream(InputStream body, Path part, boolean append, MessageDigest md, long have, long expected, URI from)
            throws Transient, Permanent, IOException {
        long got;
        try (OutputStream os = append
                ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)
                : Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            got = http.copy(body, os, md, have, expected, from);
        }
        if (have + got < expected) {
            throw new Transient("connection closed after " + (have + got) + " of " + expected + " bytes", null);
        }
        return got;
    }

    // ---------------------------------------------------------------- manifest

    private byte[] fetchManifest(URI url) {
        RetryPolicy.Backoff backoff = retry.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return http.getBytes(url, MAX_MANIFEST_BYTES);
            } catch (HttpFetcher.TooLarge big) {
                throw new IgemException(UrlText.safe("invalid manifest " + url + ": larger than the "
                        + ByteSizes.human(MAX_MANIFEST_BYTES) + " this igem accepts"));
            } catch (Transient t) {
                if (retry.exhausted(attempt)) {
                    throw new IgemException(UrlText.safe("cannot fetch the snapshot manifest " + url + ": "
                            + t.getMessage().replace(" (" + url + ")", "") + RetryPolicy.afterAttempts(attempt)));
                }
                try {
                    backoff.sleep(t);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IgemException("download interrupted", ie);
                }
            } catch (Permanent p) {
                throw new IgemException(UrlText.safe("cannot fetch the snapshot manifest " + url + ": "
                        + p.getMessage().replace(" (" + url + ")", "")));
            }
        }
    }

    private static void writeManifest(Path out, byte[] bytes) {
        try {
            ManifestWriter.write(out, bytes);
        } catch (IOException e) {
            throw new IgemException("cannot write " + out.resolve(Manifest.FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    private static void writeManifest(Path out, Map<String, Object> manifest) {
        try {
            ManifestWriter.write(out, manifest);
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

    private static long sizeQuietly(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

}
