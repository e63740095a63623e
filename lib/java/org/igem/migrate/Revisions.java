package org.igem.migrate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.igem.core.IgemException;

/** The linear migration history, oldest first. The last entry is the head. */
public final class Revisions {
    public static final List<Revision> ALL = List.of(
            new Revision("1", "7a8b9c0d1e2f", "baseline 0.1.0", "V1__baseline_0_1_0.sql"),
            new Revision("2", "846c774a8f66", "variant partitioning M1", "V2__variant_partitioning_m1.sql"));

    private Revisions() {
    }

    public static Revision head() {
        return ALL.get(ALL.size() - 1);
    }

    public static Optional<Revision> byVersion(String version) {
        return ALL.stream().filter(r -> r.version().equals(version)).findFirst();
    }

    public static Optional<Revision> byAlembicId(String id) {
        return ALL.stream().filter(r -> r.alembicId().equals(id)).findFirst();
    }

    public static int indexOf(Revision r) {
        return ALL.indexOf(r);
    }

    /**
     * Accepts "head", an Alembic id (or a unique prefix of at least 4 characters), or a
     * Flyway version written "2" or "V2".
     */
    public static Revision parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("head")) {
            return head();
        }
        String v = t.toUpperCase(Locale.ROOT).startsWith("V") ? t.substring(1) : t;
        Optional<Revision> byVersion = byVersion(v);
        if (byVersion.isPresent()) {
            return byVersion.get();
        }
        List<Revision> matches = t.length() >= 4
                ? ALL.stream().filter(r -> r.alembicId().startsWith(t.toLowerCase(Locale.ROOT))).toList()
                : List.of();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw IgemException.usage("unknown revision '" + text + "'; known: head, "
                + String.join(", ", ALL.stream().map(r -> r.alembicId() + " (V" + r.version() + ")").toList()));
    }
}
