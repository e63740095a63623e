package org.igem.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.igem.core.IgemException;
import org.igem.core.Hashing;
import org.igem.core.TerminalText;
import org.igem.core.ByteSizes;

/**
 * The manifest.json of a Parquet snapshot directory (keys: docs/snapshot-format.md).
 *
 * <p>{@link #read(Path)} is lenient (enough for {@code db info}); {@link #readValidated(Path)} and
 * {@link #parseValidated(String, Path, String)} treat the manifest as untrusted input and refuse
 * unsafe paths, malformed hashes and sizes before anything touches the disk (download, verify).
 *
 * <p>Every read is bounded before the JSON tree is built: at most {@link #MAX_BYTES} of text,
 * {@link #MAX_TABLES} tables, table names of {@link #MAX_NAME_LENGTH} characters and file paths
 * of {@link #MAX_PATH_LENGTH} (a hostile manifest of 100 000 tables would otherwise need more heap
 * than {@code -Xmx256m}). Text from a manifest that reaches a message is escaped
 * ({@link TerminalText}).
 */
public record Manifest(
        Path directory,
        String snapshotVersion,
        String schemaVersion,
        String schemaRevision,
        String igemVersion,
        String exportedAt,
        Map<String, TableEntry> tables,
        JsonNode raw) {

    public static final String FILE_NAME = "manifest.json";
    /** The name an NLP cache file gets in {@link #files(boolean)} rows. */
    public static final String NLP_NAME = "nlp";
    /** The manifest key of this tool's NLP cache (the {@code nlp} key is the Python igem-server's). */
    public static final String OWN_NLP_KEY = "igem_java_nlp";
    /** The name this tool's NLP cache gets in {@link #files(boolean)} rows. */
    public static final String OWN_NLP_NAME = "nlp (igem-java)";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Largest manifest accepted (a real one of the 45 IGEM tables is ~30 KB). */
    public static final long MAX_BYTES = 8L << 20;
    public static final int MAX_TABLES = 10_000;
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_PATH_LENGTH = 1024;

    /** One exported table. */
    public record TableEntry(String file, long rows, long sizeBytes, String sha256) {
    }

    /** The optional {@code nlp} key: the pre-compiled NLP cache file. */
    public record NlpEntry(String directory, String file, long sizeBytes, String sha256, long aliasCount, String builtAt) {
    }

    /** A file the manifest lists (a table file or the NLP cache), with what it must hash to. */
    public record FileEntry(String name, String file, long sizeBytes, String sha256, boolean nlp) {
    }

    /**
     * Initialises the JSON machinery (about 0.1 s of class loading on a fresh JVM), so that a caller
     * can do it on another thread while it waits for I/O.
     */
    public static void preload() {
        try {
            JSON.readTree("{}");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lenient read: JSON object with a "tables" object (used by {@code db info}). */
    public static Manifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        return fromJson(readText(file), dir, file.toString());
    }

    /** Reads and {@linkplain #validate() validates} {@code dir/manifest.json}. */
    public static Manifest readValidated(Path dir) {
        return read(dir).validate();
    }

    /**
     * Parses untrusted manifest text (e.g. fetched over HTTP) for the snapshot directory {@code dir},
     * validated; messages name {@code source} (the URL), not the local path it was never written to.
     */
    public static Manifest parseValidated(String json, Path dir, String source) {
        return fromJson(json, dir, source).validate(source);
    }

    /**
     * Refuses (exit 1, as a read would) a directory without a manifest.json, without reading it: for a
     * writer that must not lock a directory that is no snapshot, and reads the manifest under the lock.
     */
    public static void requirePresent(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            throw new IgemException("not a snapshot: " + file + " does not exist");
        }
    }

    private static String readText(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IgemException("cannot read manifest " + file + ": not a regular file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IgemException("invalid manifest " + file + ": " + ByteSizes.human(size) + ", larger than the "
                        + ByteSizes.human(MAX_BYTES) + " this igem accepts");
            }
            if (!Files.isRegularFile(file)) {
                throw new IgemException("invalid manifest " + file + ": not a regular file");
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IgemException("not a snapshot: " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IgemException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }

    private static Manifest fromJson(String text, Path dir, String source) {
        checkBounds(text, source);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IgemException("invalid manifest " + source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IgemException("invalid manifest " + source + ": expected a JSON object");
        }
        if (!root.path("tables").isObject()) {
            throw new IgemException("invalid manifest " + source + ": missing \"tables\" object");
        }
        Map<String, TableEntry> tables = new LinkedHashMap<>();
        root.path("tables").properties().forEach(e -> {
            JsonNode t = e.getValue();
            tables.put(e.getKey(), new TableEntry(t.path("file").asText(e.getKey() + ".parquet"), t.path("rows").asLong(),
                    t.path("size_bytes").asLong(), t.path("sha256").asText(null)));
        });
        return new Manifest(dir, text(root, "snapshot_version"), text(root, "schema_version"), text(root, "schema_revision"),
                text(root, "igem_version"), text(root, "exported_at"), tables, root);
    }

    /**
     * Refuses, from a streaming pass that keeps nothing, what is too big to build a tree of: the
     * text, the number of tables, an overlong table name. Malformed JSON is left to the tree parser.
     */
    private static void checkBounds(String text, String source) {
        if (text.length() > MAX_BYTES) {
            throw new IgemException("invalid manifest " + source + ": larger than the " + ByteSizes.human(MAX_BYTES)
                    + " this igem accepts");
        }
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if ("tables".equals(field) && v == JsonToken.START_OBJECT) {
                    int n = 0;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        if (name.length() > MAX_NAME_LENGTH) {
                            throw new IgemException("invalid manifest " + source + ": table name '"
                                    + TerminalText.clean(name, 60) + "' is longer than " + MAX_NAME_LENGTH + " characters");
                        }
                        if (++n > MAX_TABLES) {
                            throw new IgemException("invalid manifest " + source + ": more than the " + MAX_TABLES
                                    + " tables this igem accepts");
                        }
                        p.nextToken();
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException malformed) {
            // reported by the tree parser with its position
        }
    }

    private static String text(JsonNode root, String key) {
        JsonNode v = root.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Where the manifest came from, for messages. */
    private String source() {
        return directory == null ? FILE_NAME : directory.resolve(FILE_NAME).toString();
    }

    /**
     * Checks the manifest as untrusted input: at least one table; every table entry an object whose
     * {@code file} is a safe relative path inside the snapshot directory, {@code sha256} 64 hex
     * digits and {@code size_bytes} a non-negative integer; no two entries naming the same file; the
     * same for the {@code nlp} entry when present. Throws an {@link IgemException} (exit 1) listing
     * the problems; returns {@code this}.
     */
    public Manifest validate() {
        return validate(source());
    }

    /** {@link #validate()}, naming {@code source} in the message. */
    public Manifest validate(String source) {
        List<String> problems = new ArrayList<>();
        JsonNode tablesNode = raw.path("tables");
        if (tablesNode.isEmpty()) {
            problems.add("\"tables\" lists no tables");
        }
        Map<String, String> seen = new HashMap<>();
        tablesNode.properties().forEach(e -> {
            String label = "table '" + TerminalText.clean(e.getKey(), 80) + "'";
            if (e.getKey().length() > MAX_NAME_LENGTH) {
                problems.add(label + ": name longer than " + MAX_NAME_LENGTH + " characters");
                return;
            }
            JsonNode t = e.getValue();
            if (!t.isObject()) {
                problems.add(label + ": expected an object");
                return;
            }
            JsonNode fileNode = t.get("file");
            if (fileNode != null && !fileNode.isTextual()) {
                problems.add(label + ": \"file\" must be a string");
                return;
            }
            String file = fileNode == null ? e.getKey() + ".parquet" : fileNode.asText();
            checkFile(label, file, t, seen, problems);
        });
        JsonNode nlp = raw.get("nlp");
        if (nlp != null && !nlp.isNull()) {
            if (!nlp.isObject()) {
                problems.add("\"nlp\": expected an object");
            } else if (!nlp.path("file").isTextual()) {
                problems.add("nlp: \"file\" must be a string");
            } else {
                checkFile("nlp", nlp.get("file").asText(), nlp, seen, problems);
            }
        }
        JsonNode own = raw.get(OWN_NLP_KEY);
        if (own != null && !own.isNull()) {
            if (!own.isObject() || !own.path("file").isTextual() || !own.path("metadata").isObject()
                    || !own.path("metadata").path("file").isTextual()) {
                problems.add(OWN_NLP_KEY + ": expected an object with \"file\" and \"metadata\".\"file\"");
            } else {
                checkFile(OWN_NLP_KEY, own.get("file").asText(), own, seen, problems);
                checkFile(OWN_NLP_KEY + ".metadata", own.get("metadata").get("file").asText(), own.get("metadata"), seen, problems);
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 5);
            String more = problems.size() > shown ? "; … (" + (problems.size() - shown) + " more)" : "";
            throw new IgemException("invalid manifest " + source + ": " + String.join("; ", problems.subList(0, shown)) + more);
        }
        return this;
    }

    private void checkFile(String label, String file, JsonNode entry, Map<String, String> seen, List<String> problems) {
        String p = file.length() > MAX_PATH_LENGTH ? "longer than " + MAX_PATH_LENGTH + " characters" : SnapshotPaths.problem(file);
        if (p == null && directory != null) {
            Path base = directory.toAbsolutePath().normalize();
            Path resolved = base.resolve(file).normalize();
            if (!resolved.startsWith(base) || resolved.equals(base)) {
                p = "resolves outside the snapshot directory";
            }
        }
        if (p != null) {
            problems.add(label + ": unsafe file '" + printable(file) + "' (" + p + ")");
            return;
        }
        String other = seen.putIfAbsent(file.toLowerCase(Locale.ROOT), label);
        if (other != null) {
            problems.add(label + ": file '" + printable(file) + "' is also used by " + other);
        }
        JsonNode sha = entry.get("sha256");
        if (sha == null || !sha.isTextual() || !Hashing.isSha256Hex(sha.asText())) {
            problems.add(label + ": \"sha256\" must be 64 hex digits");
        }
        JsonNode size = entry.get("size_bytes");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            problems.add(label + ": \"size_bytes\" must be a non-negative integer");
        }
    }

    private static String printable(String s) {
        return TerminalText.clean(s, 200);
    }

    /** The whole manifest as a fresh, mutable map in file order (to be changed and written back through {@link ManifestWriter}). */
    public Map<String, Object> toMap() {
        return JSON.convertValue(raw, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The {@code nlp} key, when the snapshot has a pre-compiled NLP cache. */
    public Optional<NlpEntry> nlp() {
        JsonNode n = raw.get("nlp");
        if (n == null || !n.isObject() || !n.path("file").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new NlpEntry(n.path("directory").asText(null), n.path("file").asText(), n.path("size_bytes").asLong(),
                n.path("sha256").asText(null), n.path("alias_count").asLong(), n.path("built_at").asText(null)));
    }

    /** This tool's NLP cache entry ({@value #OWN_NLP_KEY}): the binary file and its metadata.json, when listed. */
    public List<FileEntry> ownNlpFiles() {
        JsonNode n = raw.get(OWN_NLP_KEY);
        if (n == null || !n.isObject() || !n.path("file").isTextual() || !n.path("metadata").path("file").isTextual()) {
            return List.of();
        }
        JsonNode m = n.get("metadata");
        return List.of(new FileEntry(OWN_NLP_NAME, n.get("file").asText(), n.path("size_bytes").asLong(),
                        n.path("sha256").asText("").toLowerCase(Locale.ROOT), true),
                new FileEntry(OWN_NLP_NAME + " metadata", m.get("file").asText(), m.path("size_bytes").asLong(),
                        m.path("sha256").asText("").toLowerCase(Locale.ROOT), true));
    }

    /** True when the manifest lists an NLP cache of either tool. */
    public boolean hasNlpCache() {
        return nlp().isPresent() || !ownNlpFiles().isEmpty();
    }

    /**
     * Every file the manifest lists: the tables in manifest order, then, when asked for, the NLP
     * caches: the {@code nlp} entry (the Python igem-server's, as it writes it) and this tool's.
     */
    public List<FileEntry> files(boolean includeNlp) {
        List<FileEntry> out = new ArrayList<>();
        tables.forEach((name, t) -> out.add(new FileEntry(name, t.file(), t.sizeBytes(),
                t.sha256() == null ? null : t.sha256().toLowerCase(Locale.ROOT), false)));
        if (includeNlp) {
            nlp().ifPresent(n -> out.add(new FileEntry(NLP_NAME, n.file(), n.sizeBytes(),
                    n.sha256() == null ? null : n.sha256().toLowerCase(Locale.ROOT), true)));
            out.addAll(ownNlpFiles());
        }
        return out;
    }
}
