package org.igem.nlp;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link NlpCache#write} produced: the fields of {@code <snapshot>/nlp/metadata.json}.
 * {@code file} is the name of the binary file inside {@code directory}; {@code builtAt} is UTC
 * ISO-8601 with {@code Z}; {@code buildSeconds} covers building the index and writing it.
 */
public record NlpBuild(Path directory, int version, String builtAt, double buildSeconds, String file, long sizeBytes,
                       String sha256, long aliasCount, long normCount, long nameCacheCount, int minAliasLength,
                       long filteredShort, long filteredStopword) {

    /** The path of the binary file. */
    public Path path() {
        return directory.resolve(file);
    }

    /** The metadata.json object, keys in the documented order. */
    public Map<String, Object> toMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("built_at", builtAt);
        m.put("build_seconds", buildSeconds);
        m.put("file", file);
        m.put("size_bytes", sizeBytes);
        m.put("sha256", sha256);
        m.put("alias_count", aliasCount);
        m.put("norm_count", normCount);
        m.put("name_cache_count", nameCacheCount);
        m.put("min_alias_length", minAliasLength);
        m.put("filtered_short", filteredShort);
        m.put("filtered_stopword", filteredStopword);
        return m;
    }
}
