package org.igem.export;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.igem.parquet.ExportColumn;
import org.igem.parquet.Compression;

/**
 * Outcome of {@code db export}: the snapshot directory and what went into it (the same facts as
 * its manifest.json).
 */
public record ExportResult(Path output, Path manifest, String snapshotVersion, String schemaVersion, String schemaRevision,
                           String exportedAt, double durationSeconds, Compression compression, int chunksize,
                           Map<String, TableResult> tables) {

    /** Tables keyed by name, in export order: {@code snap.tables['entity_types'].rows} reads naturally in Groovy. */
    public static Map<String, TableResult> byName(List<TableResult> tables) {
        Map<String, TableResult> m = new LinkedHashMap<>();
        tables.forEach(t -> m.put(t.name(), t));
        return Collections.unmodifiableMap(m);
    }

    /** One exported table file. */
    public record TableResult(String name, String file, long rows, long sizeBytes, String sha256, List<ExportColumn> columns) {
    }

    public long totalRows() {
        return tables.values().stream().mapToLong(TableResult::rows).sum();
    }

    public long totalBytes() {
        return tables.values().stream().mapToLong(TableResult::sizeBytes).sum();
    }

    public Optional<TableResult> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }
}
