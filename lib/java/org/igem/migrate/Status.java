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
 * @param igemTables for a database without history: how many IGEM tables it has (0 = empty, e.g. what a
 *                   killed {@code db create} leaves); -1 when versioned (not counted)
 */
public record Status(String uri, Revision head, Revision current, String currentRaw, boolean versioned,
                     List<Revision> pending, String alembicRevision, int igemTables) {

    /**
     * The next step for a database whose {@code alembic_version} names a revision this tool does not know:
     * one text, so that {@code db status}, {@code db upgrade} and {@code db stamp-head} agree.
     */
    public static String unknownAlembicStep(String alembicId) {
        return "its Alembic revision " + alembicId + " is unknown to this igem (made by a newer igem-server?): "
                + "upgrade igem to a release that knows it; or, only if its schema is igem's head " + Revisions.head().alembicId()
                + ", run `igem db stamp-head --force` (have a backup ready)";
    }

    /** What to do next, as {@code db status} prints it after the arrow. */
    public String nextStep() {
        return switch (state()) {
            case UP_TO_DATE -> "up-to-date.";
            case BEHIND -> pending.size() + " pending migration(s): "
                    + String.join(", ", pending.stream().map(Revision::label).toList()) + ". Run `igem db upgrade`.";
            case UNKNOWN_REVISION -> "recorded version " + currentRaw + " is unknown to this igem (newer tool?).";
            case NOT_VERSIONED -> {
                if (alembicRevision != null) {
                    yield adoptable().map(r -> "made by the Python igem-server: run `igem db stamp-head` once to adopt it at "
                            + r.alembicId() + (r.equals(head) ? "." : ", then `igem db upgrade`."))
                            .orElse("made by the Python igem-server, but " + unknownAlembicStep(alembicRevision) + ".");
                }
                yield igemTables == 0
                        ? "empty database (no IGEM tables): run `igem db create`."
                        : "not versioned: run `igem db stamp-head` once if the schema matches, or `igem db create` for a new database.";
            }
        };
    }

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
