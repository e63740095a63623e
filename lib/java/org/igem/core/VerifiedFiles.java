package org.igem.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * A memo of files whose SHA-256 was checked once, so later opens only stat them: one file per expected
 * digest in {@code dir}, holding the file's real path, size, modification and change times (ctime where the platform has it) and file key (inode).
 * Any change to one of these (a rewrite, a replacement, a move) makes the next open hash the file again.
 * Written through a temp file and an atomic rename; a memo that cannot be written is only a lost speed-up.
 */
public final class VerifiedFiles {
    private VerifiedFiles() {
    }

    /** The stamp of {@code file} as it is now; compare it with {@link #isVerified} before hashing. */
    public static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        Object ctime;
        try {
            // the inode's change time cannot be set back by a writer (touch -d restores only mtime)
            ctime = Files.getAttribute(file, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            ctime = "-";
        }
        // full-precision times: a rewrite within the same millisecond still changes the stamp
        return file.toRealPath() + "\t" + a.size() + "\t" + a.lastModifiedTime() + "\t" + ctime + "\t" + a.fileKey() + "\n";
    }

    /** True when {@code dir} remembers a file with this stamp as matching {@code sha256}. */
    public static boolean isVerified(Path dir, String sha256, String stamp) {
        Path memo = dir.resolve(sha256.toLowerCase(Locale.ROOT));
        try {
            return Files.isRegularFile(memo) && Files.readString(memo).equals(stamp);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Remembers that the file with {@code stamp} (taken before hashing it) matched {@code sha256}. */
    public static void remember(Path dir, String sha256, String stamp) {
        String sha = sha256.toLowerCase(Locale.ROOT);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, sha, ".tmp");
            Files.writeString(tmp, stamp, StandardCharsets.UTF_8);
            LocalFiles.moveReplacing(tmp, dir.resolve(sha));
        } catch (IOException | RuntimeException ignored) {
            // no memo: the next open hashes the file again
        }
    }
}
