package org.igem.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.igem.core.IgemException;

/**
 * A snapshot directory with its manifest read once, bounded and validated as untrusted input
 * ({@link Manifest#readValidated(Path)}). The layers below (NLP build and open, the alias source,
 * verify, query) take this instead of a {@link Path}, so none of them reads and checks
 * manifest.json again.
 */
public final class Snapshot {
    private final Path directory;
    private final Manifest manifest;

    private Snapshot(Path directory, Manifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /** Reads and validates {@code dir/manifest.json}; throws (exit 1) when there is none or it is unsafe. */
    public static Snapshot open(Path dir) {
        return new Snapshot(dir, Manifest.readValidated(dir));
    }

    public Path directory() {
        return directory;
    }

    public Manifest manifest() {
        return manifest;
    }

    /**
     * Every table file the manifest lists exists inside the directory (symbolic links followed) and
     * is a regular file, so a broken or incomplete snapshot is one clear error instead of a later
     * surprise; returns {@code this}.
     */
    public Snapshot requireTableFiles() {
        for (var e : manifest.tables().entrySet()) {
            Path file = directory.resolve(e.getValue().file());
            try {
                SnapshotPaths.requireInsideReal(directory, file, e.getValue().file());
            } catch (IOException io) {
                throw new IgemException("cannot check " + file + ": " + io.getMessage(), io);
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new IgemException("snapshot " + directory + ": table " + e.getKey() + " file "
                        + e.getValue().file() + " is not a regular file");
            }
            if (!Files.isRegularFile(file)) {
                throw new IgemException("snapshot " + directory + " is incomplete: table " + e.getKey() + " file "
                        + e.getValue().file() + " is missing");
            }
        }
        return this;
    }
}
