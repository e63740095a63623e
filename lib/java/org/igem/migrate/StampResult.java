package org.igem.migrate;

/** Outcome of {@link DbStamp} ({@code db stamp-head}). */
public record StampResult(String uri, Outcome outcome, String previous, Revision head) {
    /** ADOPTED: a Python igem-server database, recorded at its Alembic revision's equivalent ({@code head}). */
    public enum Outcome { STAMPED, ALREADY_AT_HEAD, RESTAMPED, ADOPTED }
}
