package org.igem.migrate;

/**
 * One schema migration: the Flyway version here and the Alembic revision id of the
 * Python igem-server it corresponds to (operators know the schema by those ids).
 */
public record Revision(String version, String alembicId, String title, String script) {

    /** "846c774a8f66 (V2 variant partitioning M1)". */
    public String label() {
        return alembicId + " (V" + version + " " + title + ")";
    }
}
