package org.igem.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.igem.core.IgemException;
import org.igem.core.TerminalText;
import org.igem.core.LocalFiles;

/**
 * The exclusive lock of a snapshot directory, held for the whole run of every command that writes
 * one ({@code db export}, {@code db snapshot-download}, {@code db snapshot-nlp}): the file
 * {@code <dir>/.igem.lock}, locked with {@link FileChannel#tryLock()} and holding who has it (pid,
 * host, command, start time) as JSON. A second writer gets one line naming the holder and exit 1,
 * having written nothing.
 *
 * <p>The OS drops the lock when its process dies (kill -9 included), so a lock file that can be
 * locked is stale by definition and simply taken over. The file is removed on release (see
 * {@link #close()}); manifests never list it and {@code db verify} ignores it.
 *
 * <p>POSIX locks belong to the process, and closing ANY descriptor of the file releases them, so
 * within one JVM a second acquirer must never open the file: the holders of this JVM are kept in
 * {@link #HELD} and a second acquirer is refused from there.
 */
public final class SnapshotLock implements AutoCloseable {
    public static final String FILE_NAME = ".igem.lock";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, Holder> HELD = new ConcurrentHashMap<>();

    /** Who holds a lock, as recorded in the lock file. */
    public record Holder(long pid, String host, String command, String since) {
        String describe() {
            return "pid " + (pid > 0 ? pid : "?") + " on " + TerminalText.clean(host == null ? "?" : host)
                    + (command == null ? "" : ", " + TerminalText.clean(command))
                    + (since == null ? "" : ", since " + TerminalText.clean(since));
        }
    }

    private final Path dir;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean createdDir;
    private boolean released;

    private SnapshotLock(Path dir, Path file, FileChannel channel, FileLock lock, boolean createdDir) {
        this.dir = dir;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.createdDir = createdDir;
    }

    /**
     * Locks {@code dir} for {@code command}, creating the directory when it is missing (its parent
     * must exist). Throws (exit 1) when another process holds it, naming the holder.
     */
    public static SnapshotLock acquire(Path dir, String command) {
        Path d = dir.toAbsolutePath().normalize();
        boolean created = false;
        if (Files.exists(d)) {
            if (!Files.isDirectory(d)) {
                throw new IgemException("output " + d + " exists and is not a directory");
            }
        } else {
            Path parent = d.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new IgemException("cannot create output directory " + d + ": parent directory " + parent + " does not exist");
            }
            try {
                Files.createDirectory(d);
                created = true;
            } catch (FileAlreadyExistsException race) {
                if (!Files.isDirectory(d)) {
                    throw new IgemException("output " + d + " exists and is not a directory");
                }
            } catch (IOException e) {
                throw new IgemException("cannot create output directory " + d + ": " + e.getMessage(), e);
            }
        }
        try {
            return lock(d, command, created);
        } catch (RuntimeException e) {
            if (created) {
                LocalFiles.deleteQuietly(d);
            }
            throw e;
        }
    }

    /** Locks an existing snapshot directory (never creates it). */
    public static SnapshotLock acquireExisting(Path dir, String command) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new IgemException("not a snapshot: " + d + (Files.exists(d) ? " is not a directory" : " does not exist"));
        }
        return lock(d, command, false);
    }

    private static SnapshotLock lock(Path d, String command, boolean created) {
        Path real;
        try {
            real = d.toRealPath();
        } catch (IOException e) {
            throw new IgemException("cannot lock " + d + ": " + e.getMessage(), e);
        }
        Path file = real.resolve(FILE_NAME);
        Holder me = new Holder(ProcessHandle.current().pid(), hostName(), command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Holder inJvm = HELD.putIfAbsent(file, me);
        if (inJvm != null) {
            throw busy(d, inJvm);
        }
        FileChannel ch = null;
        try {
            for (int attempt = 0; ; attempt++) {
                // NOFOLLOW: a planted link would make us lock (and write) some other file
                try {
                    ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // the directory's creator removed it after a failed run, between our checks and our open
                    throw new IgemException(d + " was being removed by another igem process; run the command again");
                }
                FileLock fl;
                try {
                    fl = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    throw busy(d, me); // another channel of this JVM: cannot happen past HELD, but never wait
                }
                if (fl == null) {
                    throw busy(d, readHolder(ch));
                }
                if (!stillAtPath(file) && attempt < 10) {
                    // the previous holder removed the file between our open and our lock: start over on a fresh one
                    fl.release();
                    ch.close();
                    ch = null;
                    continue;
                }
                byte[] json = (JSON.writeValueAsString(toMap(me)) + "\n").getBytes(StandardCharsets.UTF_8);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(json), 0);
                ch.force(false);
                return new SnapshotLock(d, file, ch, fl, created);
            }
        } catch (RuntimeException e) {
            closeQuietly(ch);
            HELD.remove(file, me);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            HELD.remove(file, me);
            String why = Files.isSymbolicLink(file) ? FILE_NAME + " is a symbolic link" : e.getMessage();
            throw new IgemException("cannot lock " + d + ": " + why, e);
        }
    }

    /**
     * Is the file this process has open (and just locked) still the one at {@code file}? Asked
     * through {@code /proc/self/fd} (stat only: opening the lock file a second time and closing it
     * would drop the lock). HELD guarantees no other descriptor of this process is on a lock file.
     * Where there is no {@code /proc/self/fd}, lock files are never removed, so the answer is yes.
     */
    private static boolean stillAtPath(Path file) {
        if (!PROC_FD) {
            return true;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (java.nio.file.DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.isSameFile(fd, file)) {
                        return true;
                    }
                } catch (IOException | RuntimeException notAFile) {
                    // sockets, pipes, descriptors closed meanwhile
                }
            }
        } catch (IOException e) {
            return true; // cannot tell: behave as without /proc
        }
        return false;
    }

    /** Linux: descriptors can be compared with paths, so lock files can be removed on release safely. */
    private static final boolean PROC_FD = Files.isDirectory(Path.of("/proc/self/fd"));

    private static IgemException busy(Path d, Holder h) {
        return new IgemException(IgemException.Kind.BUSY, d + " is in use by another igem process (" + (h == null ? "holder unknown" : h.describe())
                + "); nothing was written: wait for it to finish, or stop it", null);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }

    private static Holder readHolder(FileChannel ch) {
        // the holder writes its record right after locking: give it a moment when the file is still empty
        for (int i = 0; i < 20; i++) {
            try {
                long size = Math.min(ch.size(), 4096);
                if (size > 0) {
                    ByteBuffer b = ByteBuffer.allocate((int) size);
                    ch.read(b, 0);
                    JsonNode n = JSON.readTree(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
                    return new Holder(n.path("pid").asLong(-1), n.path("host").asText(null), n.path("command").asText(null),
                            n.path("started_at").asText(null));
                }
            } catch (IOException | RuntimeException unreadable) {
                // partly written: try again
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return null;
    }

    private static Map<String, Object> toMap(Holder h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", h.pid());
        m.put("host", h.host());
        m.put("command", h.command());
        m.put("started_at", h.since());
        return m;
    }

    /** The host name without a name-service lookup (getLocalHost() may query DNS: seconds on some clusters). */
    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h.trim();
        }
        try {
            String k = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!k.isEmpty()) {
                return k;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        h = System.getenv("COMPUTERNAME");
        return h != null && !h.isBlank() ? h.trim() : "localhost";
    }

    public Path directory() {
        return dir;
    }

    /**
     * Removes the lock file, then releases the lock (a process that opened the file a moment earlier
     * sees after locking that it is no longer in the directory, and starts over). Without
     * {@code /proc/self/fd} to check that, the file is emptied instead of removed. A directory this
     * lock created and that holds nothing else is removed too: a run that failed before writing
     * anything leaves no trace.
     */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (PROC_FD) {
                Files.deleteIfExists(file);
            } else {
                channel.truncate(0);
            }
        } catch (IOException ignored) {
            // a stale lock file is harmless: the next run locks it and takes it over
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(file);
        if (createdDir && PROC_FD) {
            LocalFiles.deleteQuietly(dir); // only succeeds when empty
        }
    }

}
