package org.igem;

/**
 * {@code db info} of a Parquet snapshot directory, from its validated manifest; {@code sql} says
 * whether SQL (DuckDB) is available here, and where from.
 */
public record SnapshotInfo(String uri, String path, String snapshotVersion, String schemaVersion, String revision,
                           int tableCount, String exportedAt, String sql) implements Info {
    @Override
    public String backend() {
        return "snapshot";
    }

    @Override
    public boolean readOnly() {
        return true;
    }
}
