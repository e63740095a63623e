package org.igem.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.igem.IgemException;
import org.igem.nlp.DictionaryOptions;
import org.igem.nlp.NlpBuild;
import org.igem.nlp.NlpCache;
import org.igem.nlp.NlpIndex;

/** The pre-compiled NLP cache of a snapshot: {@code <snapshot>/nlp/} and the manifest's {@code nlp} key. */
public final class SnapshotNlp {
    public static final String DIRECTORY = "nlp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotNlp() {
    }

    public static Path cacheDir(Path snapshot) {
        return snapshot.resolve(DIRECTORY);
    }

    /**
     * Builds the alias dictionary and automaton from the snapshot's Parquet files, writes
     * {@code <snapshot>/nlp/}, then records it in manifest.json (rewritten atomically, last).
     * Refuses an existing cache unless {@code overwrite}.
     */
    public static NlpBuild build(Path snapshot, boolean overwrite, DictionaryOptions options, Consumer<String> progress) {
        return build(snapshot, overwrite, options, progress, (read, total) -> { });
    }

    /** Progress of reading the alias rows: rows read so far and the manifest's row count of entity_aliases. */
    @FunctionalInterface
    public interface RowProgress {
        void rowsRead(long read, long total);
    }

    public static NlpBuild build(Path snapshot, boolean overwrite, DictionaryOptions options, Consumer<String> progress,
                                 RowProgress rows) {
        Manifest.readValidated(snapshot); // a directory that is no snapshot is refused before it is locked
        // one writer per snapshot directory (export, download, this) for the whole build
        try (SnapshotLock lock = SnapshotLock.acquireExisting(snapshot, "db snapshot-nlp")) {
            return buildLocked(snapshot, overwrite, options, progress, rows);
        }
    }

    private static NlpBuild buildLocked(Path snapshot, boolean overwrite, DictionaryOptions options, Consumer<String> progress,
                                        RowProgress rows) {
        Manifest manifest = Manifest.readValidated(snapshot);
        Manifest.TableEntry aliases = manifest.tables().get("entity_aliases");
        long total = aliases == null ? -1 : aliases.rows();
        Path dir = cacheDir(snapshot);
        if (!overwrite && (Files.exists(dir.resolve(NlpCache.FILE_NAME)) || Files.exists(dir.resolve(NlpCache.METADATA_NAME)))) {
            throw new IgemException("an NLP cache already exists in " + dir + "; use --overwrite to rebuild it");
        }
        progress.accept("Building the NLP dictionary from " + snapshot + "...");
        NlpIndex index;
        try (SnapshotAliasSource source = SnapshotAliasSource.open(snapshot)) {
            index = NlpIndex.build(counting(source, rows, total), options);
        }
        rows.rowsRead(total, total);
        NlpBuild b = NlpCache.write(index, dir);
        recordInManifest(snapshot, b);
        return b;
    }

    private static <T> java.util.Iterator<T> counting(java.util.Iterator<T> it, RowProgress rows, long total) {
        return new java.util.Iterator<>() {
            private long n;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                T t = it.next();
                if (++n % 50_000 == 0) {
                    rows.rowsRead(n, total);
                }
                return t;
            }
        };
    }

    /** Adds (or replaces) the manifest's {@code nlp} key; the new manifest replaces the old one atomically. */
    static void recordInManifest(Path snapshot, NlpBuild b) {
        Path file = snapshot.resolve(Manifest.FILE_NAME);
        try {
            Map<String, Object> manifest = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            Map<String, Object> nlp = new LinkedHashMap<>();
            nlp.put("directory", DIRECTORY);
            nlp.put("file", DIRECTORY + "/" + b.file());
            nlp.put("size_bytes", b.sizeBytes());
            nlp.put("sha256", b.sha256());
            nlp.put("alias_count", b.aliasCount());
            nlp.put("built_at", b.builtAt());
            manifest.put("nlp", nlp);
            ManifestWriter.write(snapshot, manifest);
        } catch (IOException e) {
            throw new IgemException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The snapshot's NLP index: the cache when it is present and intact; otherwise (missing,
     * corrupted, other format version) a fresh in-memory build from the Parquet files, after
     * telling {@code warn} why. A broken cache is never half-loaded.
     */
    public static NlpIndex open(Path snapshot, Consumer<String> warn) {
        Path dir = cacheDir(snapshot);
        if (Files.exists(dir.resolve(NlpCache.FILE_NAME))) {
            try {
                return NlpCache.load(dir);
            } catch (IgemException e) {
                warn.accept(e.getMessage() + "; rebuilding the dictionary in memory");
            }
        }
        try (SnapshotAliasSource rows = SnapshotAliasSource.open(snapshot)) {
            return NlpIndex.build(rows, DictionaryOptions.defaults());
        }
    }
}
