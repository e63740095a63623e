package org.igem.snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Outcome of {@code db export}: the snapshot directory and what went into it (the same facts as
 * its manifest.json).
 */
public record ExportResult(Path output, Path manifest, String snapshotVersion, String schemaVersion, String schemaRevision,
                           String exportedAt, double durationSeconds, Compression compression, int chunksize,
                           List<TableResult> tables) {

    /** One exported table file. */
    public record TableResult(String name, String file, long rows, long sizeBytes, String sha256, List<ExportColumn> columns) {
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableResult::rows).sum();
    }

    public long totalBytes() {
        return tables.stream().mapToLong(TableResult::sizeBytes).sum();
    }

    public Optional<TableResult> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
