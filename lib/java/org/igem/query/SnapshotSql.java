package org.igem.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.igem.core.IgemException;
import org.igem.core.Hashing;
import org.igem.snapshot.Manifest;
import org.igem.snapshot.Snapshot;
import org.igem.sql.Catalog;
import org.igem.core.LocalFiles;
import org.igem.core.VerifiedFiles;

/**
 * SQL over a snapshot through DuckDB, as the Python igem-server's embedded mode does: one view per manifest
 * table over its Parquet file, in a database DuckDB opens read-only, with file access limited to the table
 * files and the configuration locked, so {@code COPY … TO}, {@code read_csv('/etc/passwd')}, {@code ATTACH},
 * {@code INSTALL}/{@code LOAD} and {@code SET} are refused by DuckDB itself.
 *
 * <p>The views are written into a throw-away DuckDB file (binding a view reads only its file's footer) that
 * is reopened read-only and unlinked at once. Every table file must match the manifest's SHA-256; a file
 * whose hash was checked once is remembered by path, size, modification time and inode ({@link VerifiedFiles}) in
 * {@code ${XDG_CACHE_HOME:-~/.cache}/igem/query/verified/}, so later queries only stat it.
 */
public final class SnapshotSql {
    private SnapshotSql() {
    }

    public static Connection open(Snapshot snapshot, Driver driver, Map<String, String> env, Consumer<String> progress) {
        Path dir = snapshot.directory();
        Manifest mf = snapshot.manifest();
        Path base = dir.toAbsolutePath().normalize();
        List<String> files = new ArrayList<>();
        StringBuilder views = new StringBuilder();
        Path verified = cacheDir(env);
        for (var e : mf.tables().entrySet()) {
            Path file = base.resolve(e.getValue().file()).normalize();
            verify(e.getKey(), file, e.getValue(), verified, progress);
            String real;
            try {
                real = file.toRealPath().toString();
            } catch (IOException io) {
                throw new IgemException("cannot open " + file + ": " + io.getMessage(), io);
            }
            files.add(real);
            views.append("CREATE VIEW ").append(Catalog.quote(e.getKey())).append(" AS SELECT * FROM read_parquet(")
                    .append(literal(real)).append(");\n");
        }
        Path tmpDir = null;
        try {
            tmpDir = Files.createTempDirectory("igem-query");
            // the file's name is the catalog's name in DuckDB's messages ("... database \"snapshot\" ... read-only")
            Path db = tmpDir.resolve("snapshot.duckdb");
            try (Connection c = driver.connect("jdbc:duckdb:" + db, new Properties()); Statement st = c.createStatement()) {
                st.execute(views.toString());
            }
            Properties ro = new Properties();
            ro.setProperty("duckdb.read_only", "true");
            Connection c = driver.connect("jdbc:duckdb:" + db, ro);
            try (Statement st = c.createStatement()) {
                st.execute("SET allowed_paths = [" + String.join(", ", files.stream().map(SnapshotSql::literal).toList()) + "]");
                st.execute("SET enable_external_access = false");
                st.execute("SET autoinstall_known_extensions = false");
                st.execute("SET autoload_known_extensions = false");
                st.execute("SET lock_configuration = true");
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw new IgemException("cannot open snapshot " + dir + " in DuckDB: " + SqlQuery.firstLine(String.valueOf(e.getMessage())), e);
        } catch (IOException e) {
            throw new IgemException("cannot open snapshot " + dir + " in DuckDB: " + e.getMessage(), e);
        } finally {
            deleteTree(tmpDir);   // DuckDB keeps the read-only file open; nothing of it stays behind
        }
    }

    private static void verify(String table, Path file, Manifest.TableEntry entry, Path verifiedDir, Consumer<String> progress) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.size() != entry.sizeBytes()) {
                throw new IgemException("snapshot table " + table + " file " + file + " has " + a.size() + " bytes, the manifest says "
                        + entry.sizeBytes() + " (run `igem db verify`)");
            }
            String sha = entry.sha256().toLowerCase(java.util.Locale.ROOT);
            String stamp = VerifiedFiles.stamp(file);
            if (VerifiedFiles.isVerified(verifiedDir, sha, stamp)) {
                return;
            }
            if (entry.sizeBytes() > 64L << 20) {
                progress.accept("checking " + file.getFileName() + " (" + org.igem.core.ByteSizes.human(entry.sizeBytes())
                        + ") against its manifest SHA-256 once...");
            }
            String got = Hashing.sha256(file);
            if (!got.equals(sha)) {
                throw new IgemException("snapshot table " + table + " file " + file + " does not match its manifest SHA-256 "
                        + "(run `igem db verify`, then download it again)");
            }
            VerifiedFiles.remember(verifiedDir, sha, stamp);
        } catch (IOException e) {
            throw new IgemException("cannot check snapshot file " + file + ": " + e.getMessage(), e);
        }
    }

    static Path cacheDir(Map<String, String> env) {
        return LocalFiles.userCache(env, "query", "verified");
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // left in the temp directory
                }
            });
        } catch (IOException ignored) {
            // left in the temp directory
        }
    }
}
