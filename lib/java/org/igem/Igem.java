package org.igem;

import java.nio.file.Path;
import java.util.Map;

import org.igem.config.DbTarget;
import org.igem.config.DbUris;
import org.igem.config.UriResolver;
import org.igem.download.DownloadListener;
import org.igem.download.DownloadOptions;
import org.igem.download.DownloadResult;
import org.igem.download.Downloader;
import org.igem.snapshot.SnapshotVerifier;
import org.igem.snapshot.VerifyResult;
import org.igem.sql.ConnectionSettings;
import org.igem.core.Version;

/**
 * The library's front door, shared by the CLI, the Groovy DSL and JShell:
 * <pre>
 * try (IgemDb db = Igem.connect("sqlite:igem.db").withProgress(System.out::println)) {
 *     Status st = db.status();
 * }
 * </pre>
 * Every URI kind is accepted (PostgreSQL, SQLite, Parquet snapshot directories); nothing
 * connects until an operation needs it.
 */
public final class Igem {
    private Igem() {
    }

    /** Opens {@code uri}; relative paths are taken from the working directory, tuning from the environment. */
    public static IgemDb connect(String uri) {
        return connect(DbUris.parse(uri, Path.of("").toAbsolutePath()), ConnectionSettings.fromEnv(System.getenv()));
    }

    /** Resolves the URI the way the CLI does (DATABASE_URL, IGEM_DB_URI, .igem.toml) and opens it. */
    public static IgemDb connect() {
        return connect(UriResolver.fromProcess().resolve(null).target(), ConnectionSettings.fromEnv(System.getenv()));
    }

    public static IgemDb connect(DbTarget target, ConnectionSettings settings) {
        return new IgemDb(Backend.of(target, settings, System.getenv()), null);
    }

    public static IgemDb connect(DbTarget target, Map<String, String> env) {
        return new IgemDb(Backend.of(target, ConnectionSettings.fromEnv(env), env), null);
    }

    /**
     * Downloads the snapshot served at {@code options.url()} into {@code options.output()}; see {@link Downloader}.
     * Check {@link DownloadResult#ok()}: file failures are reported there, not thrown.
     */
    public static DownloadResult download(DownloadOptions options) {
        return new Downloader(options).run();
    }

    public static DownloadResult download(DownloadOptions options, DownloadListener listener) {
        return new Downloader(options, listener).run();
    }

    /** Re-hashes every file of the snapshot directory {@code dir} against its manifest. */
    public static VerifyResult verify(Path dir) {
        return SnapshotVerifier.verify(dir);
    }

    /**
     * The NLP index of a snapshot directory: its pre-compiled cache when intact, otherwise built in
     * memory from the Parquet files (a warning on stderr says why).
     */
    public static org.igem.nlp.NlpIndex nlp(Path snapshot) {
        return org.igem.snapshot.SnapshotNlp.open(snapshot, w -> System.err.println("warning: " + w));
    }

    /** Builds {@code <snapshot>/nlp/} and records it in the manifest; refuses an existing cache unless {@code overwrite}. */
    public static org.igem.nlp.NlpBuild buildNlp(Path snapshot, boolean overwrite) {
        return org.igem.snapshot.SnapshotNlp.build(snapshot, overwrite, org.igem.nlp.DictionaryOptions.defaults(), line -> { });
    }

    public static String version() {
        return Version.VERSION;
    }
}
