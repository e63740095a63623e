package org.igem.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.igem.core.Version;

/**
 * Writes manifest.json (export, download, snapshot-nlp: one writer for all three), through a
 * temporary file and an atomic rename, so a reader never sees a half-written manifest and a
 * directory without one is never taken for a complete snapshot.
 */
public final class ManifestWriter {
    public static final String TEMP_NAME = "." + Manifest.FILE_NAME + ".part";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestWriter() {
    }

    /**
     * The igem versions that can read a snapshot written by {@code version}: the same minor
     * series, e.g. 0.1.3 gives {@code >=0.1.0,<0.2.0}.
     */
    public static String compatibleRange(String version) {
        String[] p = version.split("[.-]");
        int major = Integer.parseInt(p[0]);
        int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        return ">=" + major + "." + minor + ".0,<" + major + "." + (minor + 1) + ".0";
    }

    /** Writes {@code dir/manifest.json} via a temporary file, fsync and an atomic rename. */
    public static Path write(Path dir, Map<String, Object> manifest) throws IOException {
        return write(dir, (JSON.writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code bytes} as {@code dir/manifest.json} the same way: for a manifest kept byte for byte
     * (a downloaded one), so every writer of a snapshot publishes its manifest through this one path.
     */
    public static Path write(Path dir, byte[] bytes) throws IOException {
        Path tmp = dir.resolve(TEMP_NAME);
        Path target = dir.resolve(Manifest.FILE_NAME);
        // never write through a link planted where the temporary manifest goes
        if (Files.isSymbolicLink(tmp)) {
            Files.delete(tmp);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        return target;
    }

    /** Makes renames in {@code dir} durable where the platform allows (Linux); best effort elsewhere. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported on this platform / file system
        }
    }
}
