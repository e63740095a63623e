package org.igem.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code igem db verify} found: one row per file the manifest lists (tables, then the NLP
 * cache when the manifest has one).
 */
public record VerifyResult(Path directory, Manifest manifest, List<FileCheck> files) {

    public enum Status {
        /** STALE: an NLP cache that is intact but not built from the manifest's current tables (or of an old layout). */
        OK, MISMATCH, MISSING, STALE
    }

    /**
     * @param name           table name (or "nlp")
     * @param file           path relative to the snapshot directory
     * @param expectedSize   size_bytes from the manifest
     * @param actualSize     size on disk (-1 when missing)
     * @param expectedSha256 sha256 from the manifest
     * @param actualSha256   sha256 on disk (null when missing, or not hashed because the size already differs)
     * @param status         OK, MISMATCH (size or hash differs) or MISSING
     * @param detail         what differs, for MISMATCH/MISSING
     */
    public record FileCheck(String name, String file, long expectedSize, long actualSize, String expectedSha256,
                            String actualSha256, Status status, String detail) {
        public boolean ok() {
            return status == Status.OK;
        }
    }

    /** Groovy-friendly: {@code verify(snap).ok}. */
    public boolean isOk() {
        return ok();
    }

    public boolean ok() {
        return files.stream().allMatch(FileCheck::ok);
    }

    public List<FileCheck> failed() {
        return files.stream().filter(f -> !f.ok()).toList();
    }

    public long count(Status s) {
        return files.stream().filter(f -> f.status() == s).count();
    }
}
