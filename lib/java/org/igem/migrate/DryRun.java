package org.igem.migrate;

import java.util.List;

/** The SQL {@code db upgrade} would run, rendered from the migration scripts; nothing executed. */
public record DryRun(Revision from, Revision to, List<Script> scripts) {

    /** One migration script and its SQL text. */
    public record Script(Revision revision, String sql) {
    }

    public boolean isEmpty() {
        return scripts.isEmpty();
    }
}
