package org.igem.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.igem.core.IgemException;
import org.igem.nlp.NlpCache;
import org.igem.core.Hashing;

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
        Manifest mf = Snapshot.open(d).manifest();
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
        nlpChecks(d, mf, checks);
        return new VerifyResult(d, mf, List.copyOf(checks));
    }

    /**
     * Beyond the hashes: this tool's cache must also load (structure, format version) and be built
     * from the manifest's current tables (else STALE); an {@code nlp} entry of this tool's old
     * layout is STALE; a cache of ours on disk that the manifest does not list is reported too.
     */
    private static void nlpChecks(Path d, Manifest mf, List<VerifyResult.FileCheck> checks) {
        Path cacheDir = SnapshotNlp.cacheDir(d);
        for (int i = 0; i < checks.size(); i++) {
            VerifyResult.FileCheck c = checks.get(i);
            if (c.name().equals(Manifest.NLP_NAME) && c.file().equals(SnapshotNlp.DIRECTORY + "/" + NlpCache.FILE_NAME)) {
                checks.set(i, with(c, VerifyResult.Status.STALE, "igem-java cache of the old layout; rebuild it with `igem db snapshot-nlp`"));
            }
        }
        int own = -1;
        boolean ownOk = true;
        for (int i = 0; i < checks.size(); i++) {
            VerifyResult.FileCheck c = checks.get(i);
            if (c.name().startsWith(Manifest.OWN_NLP_NAME)) {
                if (own < 0) {
                    own = i;
                }
                ownOk &= c.ok();
            }
        }
        if (own < 0) {
            Path bin = cacheDir.resolve(NlpCache.FILE_NAME);
            if (Files.exists(bin) || Files.exists(cacheDir.resolve(NlpCache.METADATA_NAME))) {
                String stale = SnapshotNlp.staleness(mf, cacheDir);
                long size = -1;
                try {
                    size = Files.isRegularFile(bin) ? Files.size(bin) : -1;
                } catch (IOException ignored) {
                    // reported as unrecorded either way
                }
                checks.add(new VerifyResult.FileCheck(Manifest.OWN_NLP_NAME, SnapshotNlp.OWN_DIRECTORY + "/" + NlpCache.FILE_NAME,
                        Math.max(size, 0), size, null, null, VerifyResult.Status.STALE, "not recorded in manifest.json"
                        + (stale == null ? "" : "; " + stale) + "; rebuild it with `igem db snapshot-nlp --overwrite`"));
            }
            return;
        }
        if (!ownOk) {
            return;
        }
        VerifyResult.FileCheck c = checks.get(own);
        String stale = SnapshotNlp.staleness(mf, cacheDir);
        if (stale != null) {
            checks.set(own, with(c, VerifyResult.Status.STALE, stale + "; rebuild it with `igem db snapshot-nlp --overwrite`"));
            return;
        }
        try {
            NlpCache.loadChecked(cacheDir);
        } catch (IgemException e) {
            checks.set(own, with(c, VerifyResult.Status.MISMATCH, e.getMessage()));
        }
    }

    private static VerifyResult.FileCheck with(VerifyResult.FileCheck c, VerifyResult.Status status, String detail) {
        return new VerifyResult.FileCheck(c.name(), c.file(), c.expectedSize(), c.actualSize(), c.expectedSha256(),
                c.actualSha256(), status, detail);
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
