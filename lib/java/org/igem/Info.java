package org.igem;

/**
 * Connection-level facts about a database or snapshot ({@code db info}).
 * SQL fields are null for a snapshot and snapshot fields null for a SQL database.
 */
public record Info(
        String backend,
        boolean readOnly,
        String uri,
        String engine,
        String host,
        String database,
        boolean connected,
        String error,
        String serverVersion,
        String revision,
        String vector,
        String path,
        String snapshotVersion,
        String schemaVersion,
        Integer tableCount,
        String exportedAt,
        /* why connecting failed (null when connected); the CLI shows its stack trace under --debug */
        Throwable failure,
        /* snapshots: whether SQL (DuckDB) is available here, and where from; null for a SQL database */
        String sql) {
}
