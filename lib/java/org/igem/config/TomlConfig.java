package org.igem.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import org.igem.core.IgemException;

/**
 * The merged view of {@code .igem.toml} files: the nearest one walking up from the working
 * directory wins key by key over {@code ~/.igem.toml}. Each value remembers its file, so a
 * relative SQLite path is resolved against that file's directory.
 */
public final class TomlConfig {
    public static final String FILE_NAME = ".igem.toml";
    private static final TomlMapper MAPPER = new TomlMapper();

    /**
     * One value with the file that supplied it.
     *
     * @param text whether the TOML value was a string (uri = 42 is not a URI)
     */
    public record Setting(String value, Path file, boolean text) {
    }

    private final Map<String, Setting> values;

    private TomlConfig(Map<String, Setting> values) {
        this.values = values;
    }

    public static TomlConfig load(Path cwd, Path home) {
        Map<String, Setting> merged = new LinkedHashMap<>();
        Path homeFile = home == null ? null : home.resolve(FILE_NAME).toAbsolutePath().normalize();
        if (homeFile != null && Files.isRegularFile(homeFile)) {
            flatten(read(homeFile), "", homeFile, merged);
        }
        Path nearest = nearest(cwd);
        if (nearest != null && !nearest.equals(homeFile)) {
            flatten(read(nearest), "", nearest, merged);
        }
        return new TomlConfig(merged);
    }

    static Path nearest(Path cwd) {
        for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    public Optional<Setting> get(String table, String key) {
        return Optional.ofNullable(values.get(table + "." + key));
    }

    private static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc != null && loc.getLineNr() > 0 ? " line " + loc.getLineNr() : "";
            // a broken configuration file is a usage error (exit 2), like a bad option
            throw new IgemException("invalid " + file + where + ": " + e.getOriginalMessage().lines().findFirst().orElse("parse error"),
                    IgemException.USAGE, e);
        } catch (IOException e) {
            throw new IgemException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void flatten(JsonNode node, String prefix, Path file, Map<String, Setting> out) {
        node.properties().forEach(entry -> {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode v = entry.getValue();
            if (v.isObject()) {
                flatten(v, key, file, out);
            } else {
                out.put(key, new Setting(v.asText(), file, v.isTextual()));
            }
        });
    }
}
