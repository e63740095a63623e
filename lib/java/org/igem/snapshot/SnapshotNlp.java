package org.igem.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.igem.core.IgemException;
import org.igem.nlp.DictionaryOptions;
import org.igem.nlp.NlpBuild;
import org.igem.nlp.NlpCache;
import org.igem.nlp.NlpIndex;
import org.igem.core.Hashing;

/**
 * The pre-compiled NLP caches of a snapshot. This tool's cache lives in {@value #OWN_DIRECTORY}/
 * ({@code dictionary.bin} + {@code metadata.json}) and is recorded under the manifest key
 * {@value #MANIFEST_KEY}; the Python igem-server's cache is {@code nlp/alias_dictionary.bin} +
 * {@code nlp/metadata.json} under the manifest key {@code nlp}, which this tool never writes to
 * (and keeps as the Python tool wrote it). Neither tool touches the other's files.
 *
 * <p>Provenance: our metadata.json records the sha256 of the table files it was built from
 * ({@code source_tables}); a cache whose tables are not the manifest's current ones is stale: not
 * used (in-memory rebuild, one warning), reported by {@code db verify}, and removed by an export
 * or download that changed the tables.
 */
public final class SnapshotNlp {
    public static final String DIRECTORY = "nlp";
    /** This tool's cache directory, relative to the snapshot. */
    public static final String OWN_DIRECTORY = "nlp/igem-java";
    /** The manifest key of this tool's cache. */
    public static final String MANIFEST_KEY = Manifest.OWN_NLP_KEY;
    /** The Python igem-server's cache file inside nlp/ (a pickle: never ours). */
    public static final String PYTHON_FILE = "alias_dictionary.bin";
    static final String SOURCE_TABLES = "source_tables";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotNlp() {
    }

    /** This tool's cache directory in {@code snapshot}. */
    public static Path cacheDir(Path snapshot) {
        return snapshot.resolve(OWN_DIRECTORY);
    }

    /**
     * Builds the alias dictionary and automaton from the snapshot's Parquet files, writes
     * {@code <snapshot>/nlp/igem-java/}, then records it in manifest.json (rewritten atomically, last).
     * Refuses an existing complete cache unless {@code overwrite}.
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
        return build(snapshot, overwrite, options, progress, rows, progress);
    }

    /** As {@link #build(Path, boolean, DictionaryOptions, Consumer, RowProgress)}; {@code notice} hears what was cleaned up. */
    public static NlpBuild build(Path snapshot, boolean overwrite, DictionaryOptions options, Consumer<String> progress,
                                 RowProgress rows, Consumer<String> notice) {
        // a directory that is no snapshot is refused before it is locked; the manifest itself is read
        // once, under the lock, so no other writer can change it between that read and the rewrite
        Manifest.requirePresent(snapshot);
        // one writer per snapshot directory (export, download, this) for the whole build
        try (SnapshotLock lock = SnapshotLock.acquireExisting(snapshot, "db snapshot-nlp")) {
            return buildLocked(Snapshot.open(snapshot), overwrite, options, progress, rows, notice);
        }
    }

    private static NlpBuild buildLocked(Snapshot snap, boolean overwrite, DictionaryOptions options, Consumer<String> progress,
                                        RowProgress rows, Consumer<String> notice) {
        Path snapshot = snap.directory();
        Manifest manifest = snap.manifest();
        Manifest.TableEntry aliases = manifest.tables().get("entity_aliases");
        long total = aliases == null ? -1 : aliases.rows();
        Path dir = cacheDir(snapshot);
        // what a killed run left: temporary files, a dictionary.bin whose metadata.json never landed
        List<String> debris = NlpCache.cleanDebris(dir);
        if (!debris.isEmpty()) {
            notice.accept("nlp: removed " + String.join(", ", debris) + " left in " + dir + " by an interrupted run");
        }
        NlpCache.cleanTemps(snapshot.resolve(DIRECTORY))
                .forEach(n -> notice.accept("nlp: removed " + n + " left in " + snapshot.resolve(DIRECTORY) + " by an interrupted run"));
        if (!overwrite && NlpCache.isComplete(dir)) {
            String stale = staleness(manifest, dir);
            throw new IgemException("an NLP cache already exists in " + dir
                    + (stale == null ? "" : " (stale: " + stale + ")") + "; use --overwrite to rebuild it");
        }
        Map<String, Object> provenance = provenance(manifest);
        progress.accept("Building the NLP dictionary from " + snapshot + "...");
        NlpIndex index;
        try (SnapshotAliasSource source = SnapshotAliasSource.open(snap)) {
            index = NlpIndex.build(counting(source, rows, total), options);
        }
        rows.rowsRead(total, total);
        NlpBuild b = NlpCache.write(index, dir, Map.of(SOURCE_TABLES, provenance));
        removeLegacy(snapshot, notice);
        recordInManifest(snap, b, provenance);
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

    /** The table files the dictionary is read from, as the manifest gives them: name → {file, size_bytes, sha256}. */
    static Map<String, Object> provenance(Manifest manifest) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String t : SnapshotAliasSource.TABLES) {
            Manifest.TableEntry e = manifest.tables().get(t);
            if (e != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", e.file());
                m.put("size_bytes", e.sizeBytes());
                m.put("sha256", e.sha256() == null ? null : e.sha256().toLowerCase(Locale.ROOT));
                p.put(t, m);
            }
        }
        return p;
    }

    /**
     * Why this tool's cache in {@code cacheDir} does not belong to the manifest's current tables,
     * or null when it does. A cache without a record of its tables (an older igem) is stale.
     */
    public static String staleness(Manifest manifest, Path cacheDir) {
        JsonNode meta;
        try {
            meta = NlpCache.metadataJson(cacheDir);
        } catch (IgemException e) {
            return null; // not stale but broken: the loader says why
        }
        return staleness(meta.get(SOURCE_TABLES), JSON.valueToTree(provenance(manifest)));
    }

    private static String staleness(JsonNode recorded, JsonNode current) {
        if (recorded == null || !recorded.isObject()) {
            return "it does not record which table files it was built from (built by an older igem)";
        }
        List<String> changed = new ArrayList<>();
        for (String t : SnapshotAliasSource.TABLES) {
            String was = recorded.path(t).path("sha256").asText("");
            String now = current.path(t).path("sha256").asText("");
            if (!was.equalsIgnoreCase(now) || was.isEmpty()) {
                changed.add(t);
            }
        }
        return changed.isEmpty() ? null : "built from other table files than the manifest's (" + String.join(", ", changed) + ")";
    }

    /** Adds (or replaces) our manifest key, drops an {@code nlp} key of our old layout; the manifest is replaced atomically. */
    static void recordInManifest(Snapshot snap, NlpBuild b, Map<String, Object> provenance) {
        Path snapshot = snap.directory();
        Path file = snapshot.resolve(Manifest.FILE_NAME);
        try {
            // the manifest as read under this build's lock (nobody else may have changed it since)
            Map<String, Object> manifest = snap.manifest().toMap();
            manifest.put(MANIFEST_KEY, entry(snapshot, b, provenance));
            if (isLegacyEntry(manifest.get(Manifest.NLP_NAME))) {
                manifest.remove(Manifest.NLP_NAME);
            }
            ManifestWriter.write(snapshot, manifest);
        } catch (IOException e) {
            throw new IgemException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> entry(Path snapshot, NlpBuild b, Object provenance) throws IOException {
        Path metaFile = cacheDir(snapshot).resolve(NlpCache.METADATA_NAME);
        Map<String, Object> nlp = new LinkedHashMap<>();
        nlp.put("directory", OWN_DIRECTORY);
        nlp.put("file", OWN_DIRECTORY + "/" + b.file());
        nlp.put("size_bytes", b.sizeBytes());
        nlp.put("sha256", b.sha256());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("file", OWN_DIRECTORY + "/" + NlpCache.METADATA_NAME);
        meta.put("size_bytes", Files.size(metaFile));
        meta.put("sha256", Hashing.sha256(metaFile));
        nlp.put("metadata", meta);
        nlp.put("format_version", b.version());
        nlp.put("alias_count", b.aliasCount());
        nlp.put("built_at", b.builtAt());
        nlp.put(SOURCE_TABLES, provenance);
        return nlp;
    }

    /** An {@code nlp} manifest entry written by this tool before its cache moved to nlp/igem-java/. */
    private static boolean isLegacyEntry(Object nlp) {
        return nlp instanceof Map<?, ?> m && (DIRECTORY + "/" + NlpCache.FILE_NAME).equals(m.get("file"));
    }

    /** Our old layout: nlp/dictionary.bin with an nlp/metadata.json that names it (not the Python tool's). */
    private static boolean hasLegacy(Path snapshot) {
        Path nlp = snapshot.resolve(DIRECTORY);
        return Files.exists(nlp.resolve(NlpCache.FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    }

    private static void removeLegacy(Path snapshot, Consumer<String> notice) {
        Path nlp = snapshot.resolve(DIRECTORY);
        if (!hasLegacy(snapshot)) {
            return;
        }
        try {
            Files.deleteIfExists(nlp.resolve(NlpCache.FILE_NAME));
            Path meta = nlp.resolve(NlpCache.METADATA_NAME);
            if (Files.isRegularFile(meta) && !isPythonMetadata(meta)) {
                Files.deleteIfExists(meta);
            }
        } catch (IOException e) {
            throw new IgemException("cannot remove the old NLP cache in " + nlp + ": " + e.getMessage(), e);
        }
        notice.accept("nlp: removed the old-layout igem-java cache " + nlp.resolve(NlpCache.FILE_NAME)
                + " (the cache now lives in " + OWN_DIRECTORY + "/)");
    }

    private static boolean isPythonMetadata(Path meta) {
        try {
            return PYTHON_FILE.equals(JSON.readTree(meta.toFile()).path("file").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The snapshot's NLP index: this tool's cache when it is present, intact and built from the
     * manifest's current tables; otherwise (missing, stale, corrupted, crafted, other format
     * version, only the Python tool's cache) a fresh in-memory build from the Parquet files, after
     * one line to {@code warn} saying why. A broken cache is never half-loaded.
     */
    public static NlpIndex open(Path snapshot, Consumer<String> warn) {
        return open(Snapshot.open(snapshot), warn);
    }

    /** As {@link #open(Path, Consumer)}, for a snapshot whose manifest was already read and validated. */
    public static NlpIndex open(Snapshot snap, Consumer<String> warn) {
        Path snapshot = snap.directory();
        Path dir = cacheDir(snapshot);
        Path nlp = snapshot.resolve(DIRECTORY);
        if (Files.exists(dir.resolve(NlpCache.FILE_NAME)) || Files.exists(dir.resolve(NlpCache.METADATA_NAME))) {
            String stale = staleness(snap.manifest(), dir);
            if (stale != null) {
                warn.accept("NLP cache in " + dir + " is stale: " + stale
                        + "; building the dictionary in memory (run `igem db snapshot-nlp --overwrite` to refresh it)");
            } else {
                try {
                    return NlpCache.load(dir);
                } catch (IgemException e) {
                    warn.accept(e.getMessage() + "; rebuilding the dictionary in memory");
                }
            }
        } else if (hasLegacy(snapshot)) {
            warn.accept("nlp: " + nlp.resolve(NlpCache.FILE_NAME) + " is an igem-java cache of the old layout; building the "
                    + "dictionary in memory (run `igem db snapshot-nlp` to cache it in " + OWN_DIRECTORY + "/)");
        } else if (Files.exists(nlp.resolve(PYTHON_FILE))) {
            warn.accept("nlp: only the Python igem-server's cache is present; building in memory (run `igem db snapshot-nlp` to cache it)");
        }
        try (SnapshotAliasSource rows = SnapshotAliasSource.open(snap)) {
            return NlpIndex.build(rows, DictionaryOptions.defaults());
        }
    }

    /** The manifest of {@code snapshot} as a map, or null when there is none or it is not valid JSON (export --overwrite). */
    public static Map<String, Object> readManifestQuietly(Path snapshot) {
        Path file = snapshot.resolve(Manifest.FILE_NAME);
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * After a download wrote {@code snapshot}'s manifest ({@code written}, as it was written, so
     * it is not read back): removes this tool's cache and sets aside
     * the Python tool's when they do not match the new manifest (see {@link #reconcile}), and
     * rewrites the manifest when its cache entries changed. {@code notice} hears one line per cache.
     */
    public static void discardIfStale(Path snapshot, Map<String, Object> written, Consumer<String> notice) {
        Map<String, Object> m = new LinkedHashMap<>(written);
        if (reconcile(snapshot, m, null, notice)) {
            try {
                ManifestWriter.write(snapshot, m);
            } catch (IOException e) {
                throw new IgemException("cannot update " + snapshot.resolve(Manifest.FILE_NAME) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Brings the NLP caches of {@code snapshot} in line with {@code manifest} (a manifest map about
     * to be written, or just written) after its tables changed:
     * <ul>
     * <li>this tool's cache is kept (and recorded under {@value #MANIFEST_KEY}) when it was built from
     * the manifest's tables and is the one the manifest lists, else removed;</li>
     * <li>an old-layout cache of this tool (nlp/dictionary.bin) is removed;</li>
     * <li>the Python tool's nlp/alias_dictionary.bin is kept when the manifest's {@code nlp} entry
     * lists it, or {@code previous} (the manifest before an export, or null) listed it and the alias
     * tables are unchanged (its entry is carried over); otherwise it is set aside in
     * {@code nlp/stale-python-<time>/}, where the Python tool does not look.</li>
     * </ul>
     * Returns true when {@code manifest} was changed.
     */
    public static boolean reconcile(Path snapshot, Map<String, Object> manifest, Map<String, Object> previous,
                                    Consumer<String> notice) {
        boolean changed = false;
        JsonNode cur = JSON.valueToTree(manifest);
        JsonNode curProvenance = provenanceOf(cur.path("tables"));
        Path dir = cacheDir(snapshot);
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            NlpCache.cleanTemps(dir);
            String why = null;
            JsonNode meta = null;
            boolean present = Files.exists(dir.resolve(NlpCache.FILE_NAME)) || Files.exists(dir.resolve(NlpCache.METADATA_NAME));
            if (present) {
                try {
                    meta = NlpCache.metadataJson(dir);
                    why = staleness(meta.get(SOURCE_TABLES), curProvenance);
                } catch (IgemException e) {
                    why = "it has no valid " + NlpCache.METADATA_NAME;
                }
                JsonNode listed = cur.get(MANIFEST_KEY);
                if (why == null && listed != null && !listed.path("sha256").asText("").equalsIgnoreCase(meta.path("sha256").asText())) {
                    why = "it is not the cache the manifest lists";
                }
                if (why == null && !Files.isRegularFile(dir.resolve(NlpCache.FILE_NAME))) {
                    why = NlpCache.FILE_NAME + " is missing";
                }
            }
            if (why != null) {
                removeOwn(dir);
                notice.accept("nlp: removed the igem-java NLP cache in " + dir + " (" + why + "); rebuild it with `igem db snapshot-nlp`");
            }
            if (present && why == null && !manifest.containsKey(MANIFEST_KEY)) {
                try {
                    manifest.put(MANIFEST_KEY, entry(snapshot, NlpCache.readMetadata(dir), meta.get(SOURCE_TABLES)));
                } catch (IOException e) {
                    throw new IgemException("cannot read the NLP cache in " + dir + ": " + e.getMessage(), e);
                }
                changed = true;
            } else if ((!present || why != null) && manifest.remove(MANIFEST_KEY) != null) {
                changed = true;
            }
        } else if (manifest.remove(MANIFEST_KEY) != null) {
            changed = true;
        }
        if (hasLegacy(snapshot)) {
            removeLegacy(snapshot, notice);
        }
        if (isLegacyEntry(manifest.get(Manifest.NLP_NAME))) {
            manifest.remove(Manifest.NLP_NAME);
            changed = true;
        }
        Path nlp = snapshot.resolve(DIRECTORY);
        Path py = nlp.resolve(PYTHON_FILE);
        if (Files.exists(py, LinkOption.NOFOLLOW_LINKS)) {
            long size = sizeOrMinus1(py);
            if (!listsPython(manifest.get(Manifest.NLP_NAME), size)) {
                Object before = previous == null ? null : previous.get(Manifest.NLP_NAME);
                if (listsPython(before, size) && staleness(provenanceOf(JSON.valueToTree(previous).path("tables")), curProvenance) == null) {
                    manifest.put(Manifest.NLP_NAME, before);
                    changed = true;
                } else {
                    Path aside = setAsidePython(nlp);
                    notice.accept("nlp: set aside the Python igem-server's cache (nothing shows it matches the new tables) in "
                            + aside + "; rebuild it with `igem-server db snapshot-nlp`");
                    if (manifest.remove(Manifest.NLP_NAME) != null) {
                        changed = true;
                    }
                }
            }
        } else if (listsPython(manifest.get(Manifest.NLP_NAME), -2) && manifest.remove(Manifest.NLP_NAME) != null) {
            changed = true;
        }
        return changed;
    }

    /** An {@code nlp} entry naming nlp/alias_dictionary.bin, with {@code size} bytes (any size for -2). */
    private static boolean listsPython(Object nlp, long size) {
        return nlp instanceof Map<?, ?> m && (DIRECTORY + "/" + PYTHON_FILE).equals(m.get("file"))
                && (size == -2 || (m.get("size_bytes") instanceof Number n && n.longValue() == size));
    }

    private static long sizeOrMinus1(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The provenance map (as {@link #provenance}) of a manifest's "tables" node. */
    private static JsonNode provenanceOf(JsonNode tables) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String t : SnapshotAliasSource.TABLES) {
            JsonNode e = tables.get(t);
            if (e != null && e.isObject()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", e.path("file").asText(t + ".parquet"));
                m.put("size_bytes", e.path("size_bytes").asLong());
                m.put("sha256", e.path("sha256").asText("").toLowerCase(Locale.ROOT));
                p.put(t, m);
            }
        }
        return JSON.valueToTree(p);
    }

    /** Removes only the files this tool writes there (never follows a planted link), then the directory if empty. */
    private static void removeOwn(Path dir) {
        try {
            NlpCache.cleanTemps(dir);
            Files.deleteIfExists(dir.resolve(NlpCache.FILE_NAME));
            Files.deleteIfExists(dir.resolve(NlpCache.METADATA_NAME));
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(dir);
                }
            }
        } catch (IOException e) {
            throw new IgemException("cannot remove the stale NLP cache in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path setAsidePython(Path nlp) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
        Path aside = nlp.resolve("stale-python-" + stamp);
        try {
            Files.createDirectories(aside);
            Files.move(nlp.resolve(PYTHON_FILE), aside.resolve(PYTHON_FILE), StandardCopyOption.REPLACE_EXISTING);
            Path meta = nlp.resolve(NlpCache.METADATA_NAME);
            if (Files.isRegularFile(meta) && isPythonMetadata(meta)) {
                Files.move(meta, aside.resolve(NlpCache.METADATA_NAME), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IgemException("cannot set aside the stale Python NLP cache in " + nlp + ": " + e.getMessage(), e);
        }
        return aside;
    }
}
