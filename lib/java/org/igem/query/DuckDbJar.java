package org.igem.query;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Driver;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.igem.core.IgemException;
import org.igem.core.LocalFiles;

/**
 * Finds DuckDB's JDBC driver on first use, so that neither the cold {@code jbang igem@…} download nor
 * {@code target/igem.jar} carries it (its per-platform jar is ~19 MB, the all-platform one ~80 MB).
 *
 * <p>Where it looks, first hit wins: {@code IGEM_DUCKDB_JAR} (a jar path); the per-user cache
 * {@code ${XDG_CACHE_HOME:-~/.cache}/igem/lib/}; the local Maven repository ({@code maven.repo.local},
 * else {@code ~/.m2/repository}; JBang shares it); else it downloads the jar once from
 * {@code IGEM_MAVEN_REPO} (default Maven Central) over the JDK HTTP client, checks it against the
 * SHA-256 pinned below (other platforms: the repository's {@code .sha1}) and stores it in the cache
 * (temporary name, renamed last). The driver is loaded in its own class loader and used directly
 * (no {@code DriverManager}, which ignores drivers of other class loaders).
 */
public final class DuckDbJar {
    public static final String VERSION = "1.4.4.0";
    static final String GROUP_PATH = "org/duckdb/duckdb_jdbc";
    static final String DEFAULT_REPO = "https://repo1.maven.org/maven2";
    /** SHA-256 of the jars this version is known by; a download must match (other platforms: the .sha1 file). */
    private static final Map<String, String> PINNED_SHA256 = Map.of(
            "linux_amd64", "6bc6aaa68a6cecbdfc3e366d105fd83a98b9d541bace120951767befe4fd2e4a");

    private static final Map<Path, Driver> LOADED = new ConcurrentHashMap<>();

    private final Map<String, String> env;
    /** Native libraries this JVM has loaded (a path can only be loaded by one class loader). */
    private static final java.util.Set<Path> NATIVE_LOADED = ConcurrentHashMap.newKeySet();

    public DuckDbJar(Map<String, String> env) {
        this.env = env;
    }

    /** Where the jar is, or would be fetched from (for {@code db info}). */
    public record Availability(Path jar, String source, String fetchUrl) {
        public boolean available() {
            return jar != null;
        }

        public String describe() {
            if (!available() && source != null) {
                return "DuckDB " + VERSION + " not available: " + fetchUrl + " does not exist";
            }
            return available() ? "DuckDB " + VERSION + " (" + source + ": " + jar + ")"
                    : "DuckDB " + VERSION + " not found yet; fetched on first `igem db query` from " + fetchUrl
                    + " (" + (classifier() == null ? "~80 MB" : "~19 MB") + "), or set IGEM_DUCKDB_JAR";
        }
    }

    /** The platform classifier of the per-platform jars, or null (then the all-platform jar). */
    static String classifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux")) {
            return x64 ? "linux_amd64" : arm64 ? "linux_arm64" : null;
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "macos_universal";
        }
        if (os.contains("windows")) {
            return x64 ? "windows_amd64" : arm64 ? "windows_arm64" : null;
        }
        return null;
    }

    static String fileName() {
        String c = classifier();
        return "duckdb_jdbc-" + VERSION + (c == null ? "" : "-" + c) + ".jar";
    }

    /** The jar if it is already on this machine, without any network traffic. */
    public Availability find() {
        String explicit = env.get("IGEM_DUCKDB_JAR");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return new Availability(Files.isRegularFile(p) ? p : null, "IGEM_DUCKDB_JAR", "IGEM_DUCKDB_JAR=" + explicit);
        }
        Path cached = cacheDir().resolve(fileName());
        if (Files.isRegularFile(cached)) {
            return new Availability(cached, "cache", null);
        }
        Path local = localRepo().resolve(GROUP_PATH).resolve(VERSION).resolve(fileName());
        if (Files.isRegularFile(local)) {
            return new Availability(local, "local Maven repository", null);
        }
        return new Availability(null, null, remoteUrl());
    }

    /** The DuckDB driver, fetching the jar first if needed ({@code notice} gets the one "fetching" line). */
    public Driver driver(Consumer<String> notice) {
        Availability a = find();
        Path jar = a.jar();
        if (jar == null) {
            if (a.source() != null) {   // IGEM_DUCKDB_JAR names a missing file
                throw new IgemException("IGEM_DUCKDB_JAR=" + env.get("IGEM_DUCKDB_JAR") + " does not exist; point it at "
                        + "duckdb_jdbc-" + VERSION + "*.jar or unset it");
            }
            jar = download(notice);
        }
        return load(jar);
    }

    private Driver load(Path jar) {
        Path nativeDir = cacheDir().getParent().resolve("native").resolve("duckdb-" + VERSION);
        return LOADED.computeIfAbsent(jar.toAbsolutePath(), p -> {
            try {
                URLClassLoader loader = new Loader(p, nativeDir);
                return (Driver) Class.forName("org.duckdb.DuckDBDriver", true, loader).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | IOException | LinkageError | ClassCastException e) {
                throw new IgemException("cannot load DuckDB from " + p + " (" + e + "); delete it to fetch it again, "
                        + "or set IGEM_DUCKDB_JAR to a working duckdb_jdbc-" + VERSION + " jar", e);
            }
        });
    }

    /**
     * The driver's class loader. Parent: the platform loader (the driver needs only java.sql, and its classes
     * always come from this jar). DuckDB would copy its 57 MB native library out of the jar into the temp
     * directory on every start (a third of a second); hiding that resource makes it ask
     * {@link #findLibrary}, which gives a copy extracted once per user into
     * {@code ${XDG_CACHE_HOME:-~/.cache}/igem/native/duckdb-<version>/} (temporary name, renamed last).
     */
    private static final class Loader extends URLClassLoader {
        private static final String RESOURCE_PREFIX = "libduckdb_java.so";
        private final Path jar;
        private final Path nativeDir;

        Loader(Path jar, Path nativeDir) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            this.jar = jar;
            this.nativeDir = nativeDir;
        }

        private String nativeEntry() {
            try (java.util.jar.JarFile jf = new java.util.jar.JarFile(jar.toFile())) {
                return jf.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith(RESOURCE_PREFIX)).findFirst()
                        .orElse(null);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public URL getResource(String name) {
            String n = name.startsWith("/") ? name.substring(1) : name;
            return n.startsWith(RESOURCE_PREFIX) && extracted() != null ? null : super.getResource(name);
        }

        @Override
        public URL findResource(String name) {
            return name.startsWith(RESOURCE_PREFIX) && extracted() != null ? null : super.findResource(name);
        }

        private Path extractedLib;
        private boolean tried;

        /** The extracted library, or null (then DuckDB extracts it itself, as it always does). */
        private synchronized Path extracted() {
            if (tried) {
                return extractedLib;
            }
            tried = true;
            String entry = nativeEntry();
            if (entry == null) {
                return null;
            }
            try {
                Path lib = nativeDir.resolve(entry.substring(RESOURCE_PREFIX.length()).replaceAll("[^A-Za-z0-9_]", "") + "-"
                        + Files.size(jar)).resolve(System.mapLibraryName("duckdb_java"));
                if (!NATIVE_LOADED.add(lib)) {
                    return null;   // another class loader of this JVM has it loaded
                }
                if (!Files.isRegularFile(lib)) {
                    Files.createDirectories(lib.getParent());
                    Path tmp = Files.createTempFile(lib.getParent(), lib.getFileName().toString(), ".tmp");
                    try (java.util.jar.JarFile jf = new java.util.jar.JarFile(jar.toFile());
                         java.io.InputStream in = jf.getInputStream(jf.getEntry(entry))) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        LocalFiles.moveReplacing(tmp, lib);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
                extractedLib = lib;
            } catch (IOException | RuntimeException e) {
                extractedLib = null;
            }
            return extractedLib;
        }

        @Override
        protected String findLibrary(String libname) {
            Path lib = "duckdb_java".equals(libname) ? extracted() : null;
            return lib != null ? lib.toString() : super.findLibrary(libname);
        }
    }

    private String remoteBase() {
        String base = env.get("IGEM_MAVEN_REPO");
        if (base == null || base.isBlank()) {
            base = System.getProperty("igem.maven.repo", DEFAULT_REPO);
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private String remoteUrl() {
        return remoteBase() + "/" + GROUP_PATH + "/" + VERSION + "/" + fileName();
    }

    private Path download(Consumer<String> notice) {
        String url = remoteUrl();
        String how = "download it yourself and set IGEM_DUCKDB_JAR=/path/" + fileName() + ", or run `mvn dependency:get "
                + "-Dartifact=org.duckdb:duckdb_jdbc:" + VERSION + (classifier() == null ? "" : ":jar:" + classifier())
                + "`, or point IGEM_MAVEN_REPO at a reachable Maven repository";
        Path dir = cacheDir();
        Path target = dir.resolve(fileName());
        notice.accept("fetching DuckDB " + VERSION + " (" + (classifier() == null ? "~80 MB" : "~19 MB") + ") once from "
                + remoteBase() + " into " + dir);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, fileName(), ".part");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(tmp));
            if (r.statusCode() != 200) {
                throw new IgemException("DuckDB (needed for SQL on snapshots) is not available: " + url + " answered HTTP "
                        + r.statusCode() + "; " + how);
            }
            String expected = PINNED_SHA256.get(classifier());
            if (expected != null) {
                String got = org.igem.core.Hashing.hex(tmp, "SHA-256");
                if (!got.equals(expected)) {
                    throw new IgemException("DuckDB jar from " + url + " has SHA-256 " + got + ", expected " + expected
                            + "; not used. " + how);
                }
            } else {
                HttpResponse<String> s = http.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).timeout(Duration.ofSeconds(30))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                String want = s.statusCode() == 200 ? s.body().strip().split("\\s+")[0].toLowerCase(Locale.ROOT) : null;
                if (want == null || !want.equals(org.igem.core.Hashing.hex(tmp, "SHA-1"))) {
                    throw new IgemException("DuckDB jar from " + url + " does not match its .sha1 (HTTP " + s.statusCode()
                            + "); not used. " + how);
                }
            }
            LocalFiles.moveReplacing(tmp, target);
            return target;
        } catch (IOException e) {
            throw new IgemException("DuckDB (needed for SQL on snapshots) is not available: cannot fetch " + url + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); " + how, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IgemException("interrupted while fetching DuckDB from " + url, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray .part in the cache is harmless: never used, overwritten by the next fetch
                }
            }
        }
    }

    Path cacheDir() {
        return LocalFiles.userCache(env, "lib");
    }

    private Path localRepo() {
        String p = env.get("IGEM_MAVEN_LOCAL");
        if (p == null || p.isBlank()) {
            p = System.getProperty("maven.repo.local");
        }
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(LocalFiles.home(env), ".m2", "repository");
    }
}
