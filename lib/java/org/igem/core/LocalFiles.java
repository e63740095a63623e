package org.igem.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file chores every writer shares: publishing a finished temporary file under its final name
 * (and writing one durably: fsync, rename, directory sync), removing debris without failing the run,
 * and the per-user cache directory. One copy, so the rules
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

    /**
     * Publishes {@code bytes} as {@code target}: written to {@code tmp} (never through a symbolic link
     * planted there), forced to disk, renamed over {@code target} ({@link #moveReplacing}) and the
     * rename made durable ({@link #syncDirectory}). A failed write removes {@code tmp}.
     */
    public static void writeDurably(Path tmp, Path target, byte[] bytes) throws IOException {
        if (Files.isSymbolicLink(tmp)) {
            Files.delete(tmp);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        moveReplacing(tmp, target);
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            syncDirectory(dir);
        }
    }

    /** Makes renames in {@code dir} durable where the platform allows (Linux); best effort elsewhere. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported on this platform / file system
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
        return userCacheOf(xdgCacheHome, home, parts);
    }

    /**
     * {@link #userCache(String, Path, String...)} from an environment: {@code XDG_CACHE_HOME}, and
     * {@code HOME} when set and not blank, else the JVM's {@code user.home}.
     */
    public static Path userCache(java.util.Map<String, String> env, String... parts) {
        return userCacheOf(env.get("XDG_CACHE_HOME"), Path.of(home(env)), parts);
    }

    /** {@code HOME} from {@code env} when set and not blank, else the JVM's {@code user.home}. */
    public static String home(java.util.Map<String, String> env) {
        String h = env.get("HOME");
        return h != null && !h.isBlank() ? h : System.getProperty("user.home");
    }

    private static Path userCacheOf(String xdgCacheHome, Path home, String... parts) {
        Path base = xdgCacheHome != null && !xdgCacheHome.isBlank() ? Path.of(xdgCacheHome) : home.resolve(".cache");
        Path p = base.resolve("igem");
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
