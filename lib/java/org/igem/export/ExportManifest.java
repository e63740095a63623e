package org.igem.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.igem.core.Version;
import org.igem.snapshot.ManifestWriter;

/**
 * The manifest of an export as an ordered map (what {@link ManifestWriter} serialises): the snapshot
 * format's keys filled from an {@link ExportResult}. It lives with the export so that the snapshot
 * format knows nothing of how a snapshot was made.
 */
public final class ExportManifest {
    private ExportManifest() {
    }

    /** Where the source database was: engine, host and database, never a user or password. */
    public record Source(String engine, String host, Integer port, String database) {
    }

    /** The manifest as an ordered map (what gets serialised). */
    public static Map<String, Object> toMap(ExportResult r, Source source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("snapshot_version", r.snapshotVersion());
        m.put("schema_version", r.schemaVersion());
        m.put("schema_revision", r.schemaRevision());
        m.put("igem_version", Version.VERSION);
        m.put("igem_version_compatible", ManifestWriter.compatibleRange(Version.VERSION));
        m.put("exported_at", r.exportedAt());
        m.put("duration_seconds", r.durationSeconds());
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("engine", source.engine());
        src.put("host", source.host());
        if (source.port() != null) {
            src.put("port", source.port());
        }
        src.put("database", source.database());
        m.put("source", src);
        m.put("compression", r.compression().label());
        m.put("chunksize", r.chunksize());
        Map<String, Object> tables = new LinkedHashMap<>();
        for (ExportResult.TableResult t : r.tables().values()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", t.file());
            e.put("rows", t.rows());
            e.put("size_bytes", t.sizeBytes());
            e.put("sha256", t.sha256());
            List<Map<String, String>> cols = t.columns().stream()
                    .map(c -> {
                        Map<String, String> col = new LinkedHashMap<>();
                        col.put("name", c.name());
                        col.put("type", c.manifestType());
                        return col;
                    }).toList();
            e.put("columns", cols);
            tables.put(t.name(), e);
        }
        m.put("tables", tables);
        return m;
    }

}
