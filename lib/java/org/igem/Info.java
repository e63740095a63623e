package org.igem;

/**
 * Connection-level facts about a database or snapshot ({@code db info}): a {@link SqlInfo} or a
 * {@link SnapshotInfo}, each with only the facts its backend has.
 */
public sealed interface Info permits SqlInfo, SnapshotInfo {
    /** "sql" or "snapshot". */
    String backend();

    boolean readOnly();

    /** The URI, password masked. */
    String uri();

    /** The recorded schema revision (SQL: null when not connected, "not versioned" without history). */
    String revision();

    /** False only for a SQL database that could not be reached; see {@link #error()}. */
    default boolean connected() {
        return true;
    }

    /** Why connecting failed; null when connected. */
    default String error() {
        return null;
    }
}
