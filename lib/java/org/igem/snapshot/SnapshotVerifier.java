package org.igem.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.igem.IgemException;

/**
 * Re-hashes every file of a snapshot directory against its manifest. The manifest is validated as
 * untrusted input first, and every listed path must stay inside the directory, symbolic links
 * followed; otherwise the whole verification is refused (exit 1) before anything is read.
 */
public final class SnapshotVerifier {
    private SnapshotVerifier() {
    }

    public static VerifyResult verify(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new IgemException("not a snapshot: " + d + (Files.exists(d) ? " is not a directory" : " does not exist"));
        }
        Manifest mf = Manifest.readValidated(d);
        List<Manifest.FileEntry> entries = mf.files(true);
        List<Path> paths = new ArrayList<>();
        try {
            for (Manifest.FileEntry e : entries) {
                Path p = SnapshotPaths.resolve(d, e.file());
                SnapshotPaths.requireInsideReal(d, p, e.file());
                paths.add(p);
            }
        } catch (IOException e) {
            throw new IgemException("cannot check snapshot paths in " + d + ": " + e.getMessage(), e);
        }
        List<VerifyResult.FileCheck> checks = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            checks.add(check(entries.get(i), paths.get(i)));
        }
        return new VerifyResult(d, mf, List.copyOf(checks));
    }

    private static VerifyResult.FileCheck check(Manifest.FileEntry e, Path p) {
        if (!Files.exists(p)) {
            return new VerifyResult.FileCheck(e.name(), e.file(), e.sizeBytes(), -1, e.sha256(), null,
                    VerifyResult.Status.MISSING, "file not found");
        }
        if (!Files.isRegularFile(p)) {
            return new VerifyResult.FileCheck(e.name(), e.file(), e.sizeBytes(), -1, e.sha256(), null,
                    VerifyResult.Status.MISMATCH, "not a regular file");
        }
        try {
            long size = Files.size(p);
            String sha = Hashing.sha256(p);
            List<String> diffs = new ArrayList<>();
            if (size != e.sizeBytes()) {
                diffs.add("size " + size + " bytes, manifest says " + e.sizeBytes());
            }
            if (!sha.equals(e.sha256())) {
                diffs.add("sha256 " + Hashing.shortHex(sha) + ", manifest says " + Hashing.shortHex(e.sha256()));
            }
            return new VerifyResult.FileCheck(e.name(), e.file(), e.sizeBytes(), size, e.sha256(), sha,
                    diffs.isEmpty() ? VerifyResult.Status.OK : VerifyResult.Status.MISMATCH,
                    diffs.isEmpty() ? null : String.join("; ", diffs));
        } catch (IOException ex) {
            return new VerifyResult.FileCheck(e.name(), e.file(), e.sizeBytes(), -1, e.sha256(), null,
                    VerifyResult.Status.MISMATCH, "cannot read: " + ex.getMessage());
        }
    }
}
