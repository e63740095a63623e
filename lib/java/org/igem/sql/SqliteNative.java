package org.igem.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;
import org.igem.core.LocalFiles;

/**
 * Keeps sqlite-jdbc's native library extracted once per user instead of once per process.
 *
 * <p>sqlite-jdbc copies its native library into the temp directory, checksums both copies and deletes it at
 * exit, on every start: about 0.1 s of CPU, a quarter of a {@code db status} on SQLite. We extract it once into
 * {@code ${XDG_CACHE_HOME:-~/.cache}/igem/native/sqlite-jdbc-<version>/<os>-<arch>/} (temp name, renamed
 * last) and point sqlite-jdbc at it with its own {@code org.sqlite.lib.path} / {@code org.sqlite.lib.name}
 * properties. Anything unexpected (a property already set, an unwritable cache, no library for this
 * platform) leaves sqlite-jdbc to do what it always does.
 */
final class SqliteNative {
    private static boolean prepared;

    private SqliteNative() {
    }

    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty("org.sqlite.lib.path") != null || System.getProperty("org.sqlite.lib.name") != null) {
            return;
        }
        try {
            String name = System.mapLibraryName("sqlitejdbc");
            // keyed by the JVM's own os.name/os.arch: OSInfo (which starts `uname`) only runs on the first extraction
            Path dir = cacheRoot().resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                    .resolve(safe(System.getProperty("os.name")) + "-" + safe(System.getProperty("os.arch")));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
                try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, name, ".tmp");
                    try {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        LocalFiles.moveReplacing(tmp, lib);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException | LinkageError e) {
            // the cache is an optimisation: sqlite-jdbc's own extraction still works
        }
    }

    private static String safe(String s) {
        return String.valueOf(s).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Path cacheRoot() {
        return LocalFiles.userCache(System.getenv(), "native");
    }
}
