package org.igem.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.igem.core.LocalFiles;
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
        Path target = dir.resolve(Manifest.FILE_NAME);
        LocalFiles.writeDurably(dir.resolve(TEMP_NAME), target, bytes);
        return target;
    }
}
