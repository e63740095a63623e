package org.igem.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.igem.core.IgemException;
import org.igem.core.TerminalText;

/**
 * File names from a manifest are untrusted input: they must be plain relative paths that stay
 * inside the snapshot directory, lexically and (for what already exists on disk) after following
 * symbolic links.
 */
public final class SnapshotPaths {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    /** Suffix of the file a download streams into before the atomic rename. */
    public static final String PART_SUFFIX = ".part";

    private SnapshotPaths() {
    }

    /** Why {@code file} is not an acceptable manifest path, or null when it is. */
    public static String problem(String file) {
        if (file == null || file.isEmpty()) {
            return "empty file name";
        }
        if (file.chars().anyMatch(c -> TerminalText.unsafe((char) c))) {
            return "control characters in file name";
        }
        if (file.indexOf('\\') >= 0) {
            return "backslash in file name";
        }
        if (file.startsWith("/") || DRIVE.matcher(file).matches()) {
            return "absolute path";
        }
        for (String seg : file.split("/", -1)) {
            if (seg.equals("..")) {
                return "'..' segment";
            }
            if (seg.isEmpty() || seg.equals(".")) {
                return "empty or '.' path segment";
            }
        }
        if (file.equalsIgnoreCase(Manifest.FILE_NAME)) {
            return "collides with manifest.json";
        }
        if (file.toLowerCase(java.util.Locale.ROOT).endsWith(PART_SUFFIX)) {
            return "ends in " + PART_SUFFIX + " (reserved for partial downloads)";
        }
        return null;
    }

    /**
     * Resolves a manifest file name under {@code root}; throws (exit 1) when the name is unsafe or
     * the normalised result is outside {@code root}.
     */
    public static Path resolve(Path root, String file) {
        String p = problem(file);
        if (p != null) {
            throw new IgemException("unsafe path '" + TerminalText.clean(file, 200) + "' in manifest: " + p);
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(file).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new IgemException("unsafe path '" + TerminalText.clean(file, 200) + "' in manifest: resolves outside " + base);
        }
        return resolved;
    }

    /**
     * Checks that what exists of {@code path} (the file itself, or its nearest existing parent)
     * really lies inside {@code root} once symbolic links are followed.
     */
    public static void requireInsideReal(Path root, Path path, String file) throws IOException {
        Path realRoot = root.toRealPath();
        Path probe = path;
        while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
            probe = probe.getParent();
        }
        if (probe == null) {
            return;
        }
        if (Files.isSymbolicLink(probe) && !Files.exists(probe)) {
            // dangling link: where it points is still outside our control
            Path target = probe.getParent().resolve(Files.readSymbolicLink(probe)).normalize();
            if (!target.startsWith(realRoot)) {
                throw new IgemException("unsafe path '" + TerminalText.clean(file, 200) + "': " + probe
                        + " is a symbolic link pointing outside " + realRoot);
            }
            return;
        }
        Path real = probe.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new IgemException("unsafe path '" + TerminalText.clean(file, 200) + "': " + probe + " resolves to " + real
                    + ", outside " + realRoot);
        }
    }

    /**
     * For a writer, before it creates anything: every existing component of {@code file} below
     * {@code root} (the target itself included) must be a real directory, or for the last one a
     * regular file, never a symbolic link; so no directory is ever created through a planted link.
     * Throws (exit 1) naming the first offending component. {@code suffix} (e.g. {@link #PART_SUFFIX})
     * is appended to the last component: the temporary file next to the target.
     */
    public static void requireNoLinks(Path root, String file, String suffix) {
        Path target = resolve(root, file);
        Path probe = target.resolveSibling(target.getFileName() + suffix);
        Path base = root.toAbsolutePath().normalize();
        Path rel = base.relativize(probe);
        Path at = base;
        for (int i = 0; i < rel.getNameCount(); i++) {
            at = at.resolve(rel.getName(i));
            boolean last = i == rel.getNameCount() - 1;
            if (Files.isSymbolicLink(at)) {
                throw new IgemException("unsafe path '" + TerminalText.clean(file, 200) + "': " + at
                        + " is a symbolic link; refusing to write through it (nothing was written)");
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return; // nothing deeper exists either
            }
            if (!last && !Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                throw new IgemException("unsafe path '" + TerminalText.clean(file, 200) + "': " + at + " is not a directory");
            }
            if (last && !Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)) {
                throw new IgemException("cannot write '" + TerminalText.clean(file, 200) + "': " + at + " exists and is not a regular file");
            }
        }
    }
}
