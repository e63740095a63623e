package org.igem.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file chores every writer shares: publishing a finished temporary file under its final name,
 * removing debris without failing the run, and the per-user cache directory. One copy, so the rules
 * (atomic where the file system allows; XDG first) cannot drift apart between writers.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /**
     * Renames {@code from} to {@code to}, replacing it: atomically where the file system can (a reader
     * sees the old file or the new one, never a part), else a plain replacing move.
     */
    public static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes {@code p} if it is there; a failure is ignored (debris is removed again by the next run). */
    public static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // not empty, gone, or not ours to remove: nothing to undo
        }
    }

    /**
     * {@code ${XDG_CACHE_HOME:-<home>/.cache}/igem/<parts...>}: where igem keeps per-user caches (the
     * extracted native libraries, the compiled DSL, fetched jars, verified snapshot files).
     */
    public static Path userCache(String xdgCacheHome, Path home, String... parts) {
        Path base = xdgCacheHome != null && !xdgCacheHome.isBlank() ? Path.of(xdgCacheHome) : home.resolve(".cache");
        Path p = base.resolve("igem");
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
