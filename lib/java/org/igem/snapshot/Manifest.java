package org.igem.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.igem.IgemException;

/** The manifest.json of a Parquet snapshot directory (the keys are listed in behaviour.md). */
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
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One exported table. */
    public record TableEntry(String file, long rows, long sizeBytes, String sha256) {
    }

    public static Manifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IgemException("not a snapshot: " + file + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw new IgemException("invalid manifest " + file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new IgemException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IgemException("invalid manifest " + file + ": expected a JSON object");
        }
        if (!root.path("tables").isObject()) {
            throw new IgemException("invalid manifest " + file + ": missing \"tables\" object");
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

    private static String text(JsonNode root, String key) {
        JsonNode v = root.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
