package org.igem.download;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.igem.snapshot.Manifest;

/**
 * What a snapshot download did.
 *
 * @param url             the base URL
 * @param output          the local snapshot directory
 * @param manifest        the (validated) remote manifest
 * @param files           one row per file, in manifest order
 * @param bytesFetched    bytes received over the network (all files, all attempts)
 * @param elapsed         wall time of the whole download, manifest included
 * @param warnings        e.g. --include-nlp on a snapshot without an NLP cache
 * @param manifestWritten true when every file succeeded and manifest.json was written locally
 * @param stopped         why the run gave up early (the server stopped answering, a local write failed), or null
 */
public record DownloadResult(URI url, Path output, Manifest manifest, List<FileResult> files, long bytesFetched,
                             Duration elapsed, List<String> warnings, boolean manifestWritten, String stopped) {

    /** SKIPPED: not attempted because the run had already given up ({@link #stopped()}). */
    public enum Status {
        DOWNLOADED, CACHED, RESUMED, FAILED, SKIPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One file of the download.
     *
     * @param name         table name (or "nlp")
     * @param file         path relative to the snapshot directory
     * @param sizeBytes    size from the manifest
     * @param status       downloaded, cached (present with the right hash), resumed (a .part file was continued), failed
     * @param error        why it failed (null otherwise)
     * @param bytesFetched bytes received for this file
     * @param attempts     HTTP attempts made (0 for cached files)
     * @param partialKept  a failed file whose .part was kept for a later resume
     */
    public record FileResult(String name, String file, long sizeBytes, Status status, String error, long bytesFetched,
                             int attempts, boolean partialKept) {
        public boolean ok() {
            return status != Status.FAILED && status != Status.SKIPPED;
        }
    }

    /** The URL with its credentials masked (JShell and Groovy print records). */
    @Override
    public String toString() {
        return "DownloadResult[url=" + UrlText.redact(url) + ", output=" + output + ", files=" + files.size() + ", ok=" + ok()
                + ", bytesFetched=" + bytesFetched + ", elapsed=" + elapsed + (stopped == null ? "" : ", stopped=" + stopped) + "]";
    }

    public boolean ok() {
        return files.stream().allMatch(FileResult::ok);
    }

    public List<FileResult> failed() {
        return files.stream().filter(f -> !f.ok()).toList();
    }

    public long count(Status s) {
        return files.stream().filter(f -> f.status() == s).count();
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileResult::sizeBytes).sum();
    }
}
