package org.igem.export;

/**
 * Progress of an export, for progress bars and logs. Calls come from the exporting thread, inside
 * the export's read transaction, so implementations must be quick.
 */
public interface ExportProgress {
    ExportProgress NONE = new ExportProgress() { };

    /** A table starts; {@code estimatedRows} is the database's estimate, or -1 when it has none. */
    default void tableStarted(String table, long estimatedRows) {
    }

    /** {@code rows} rows of {@code table} are written so far (called once per chunk). */
    default void rowsWritten(String table, long rows) {
    }

    /** A table file is complete. */
    default void tableDone(ExportResult.TableResult result) {
    }
}
