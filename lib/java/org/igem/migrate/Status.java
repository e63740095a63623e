package org.igem.migrate;

import java.util.List;

/**
 * Where a SQL database stands against this tool's migrations.
 *
 * @param uri        the database URI, password masked
 * @param head       the newest revision this tool knows
 * @param current    the revision recorded in the database, null when not versioned
 * @param currentRaw the raw recorded version (set even when it is unknown to this tool)
 * @param versioned  whether the database has a schema history
 * @param pending    revisions that {@code db upgrade} would apply, oldest first
 * @param alembicRevision for a database without history: the Python igem-server's recorded
 *                   Alembic revision (its {@code alembic_version} row), else null
 */
public record Status(String uri, Revision head, Revision current, String currentRaw, boolean versioned,
                     List<Revision> pending, String alembicRevision) {

    /** The revision here that the Python tool's {@code alembic_version} row corresponds to, if known. */
    public java.util.Optional<Revision> adoptable() {
        return alembicRevision == null ? java.util.Optional.empty() : Revisions.byAlembicId(alembicRevision);
    }

    public enum State { NOT_VERSIONED, BEHIND, UP_TO_DATE, UNKNOWN_REVISION }

    public State state() {
        if (!versioned) {
            return State.NOT_VERSIONED;
        }
        if (current == null) {
            return State.UNKNOWN_REVISION;
        }
        return pending.isEmpty() ? State.UP_TO_DATE : State.BEHIND;
    }

    public boolean upToDate() {
        return state() == State.UP_TO_DATE;
    }

    /** Groovy-friendly: {@code st.upToDate}. */
    public boolean isUpToDate() {
        return upToDate();
    }

    public String currentId() {
        return current != null ? current.alembicId() : currentRaw;
    }
}
