package org.igem.migrate;

import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.igem.config.DbTarget;
import org.igem.core.IgemException;

/**
 * {@code db stamp-head}: records head without DDL. Refuses a database at another revision unless
 * {@code force}. A database of the Python igem-server (an {@code alembic_version} row, no history
 * here) is adopted at the equivalent revision, so {@code db upgrade} then applies what it lacks.
 * Whatever is recorded, the IGEM tables of that revision must be there.
 */
public record DbStamp(DbTarget target, DataSource dataSource) {

    public StampResult run(boolean force) {
        SchemaMigrator m = new SchemaMigrator(dataSource, target);
        Status st = m.status();
        Revision head = Revisions.head();
        if (st.upToDate()) {
            m.mirrorRevision(head);
            return new StampResult(target.display(), StampResult.Outcome.ALREADY_AT_HEAD, head.alembicId(), head);
        }
        if (st.versioned() && !force) {
            throw new IgemException("database is versioned at " + st.currentId() + ", not at head " + head.alembicId()
                    + "; run `igem db upgrade`, or `igem db stamp-head --force` to overwrite the recorded revision "
                    + "(have a backup ready)");
        }
        if (!st.versioned() && st.alembicRevision() != null && !force) {
            Revision adopted = st.adoptable().orElseThrow(() -> new IgemException("refusing to stamp "
                    + target.describe() + ": " + Status.unknownAlembicStep(st.alembicRevision())));
            requireSchemaOf(m, adopted);
            m.stampAt(adopted, false);
            m.mirrorRevision(adopted);
            return new StampResult(target.display(), StampResult.Outcome.ADOPTED, st.alembicRevision(), adopted);
        }
        requireSchemaOf(m, head);
        m.stampHead(st.versioned());
        m.mirrorRevision(head);
        return new StampResult(target.display(), st.versioned() ? StampResult.Outcome.RESTAMPED : StampResult.Outcome.STAMPED,
                st.currentId(), head);
    }

    /** Stamping records a schema without creating it: refuse when the tables of {@code r} are not there. */
    private void requireSchemaOf(SchemaMigrator m, Revision r) {
        Set<String> expected = m.expectedTables(r);
        List<String> missing = m.missingTables(r);
        if (missing.isEmpty()) {
            return;
        }
        String list = String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                + (missing.size() > 5 ? ", … (" + (missing.size() - 5) + " more)" : "");
        String next = missing.size() == expected.size()
                ? "it is empty: run `igem db create`, which builds the schema in an existing empty database"
                : "create the missing tables (or start from an empty database with `igem db create`), then stamp again";
        throw new IgemException("refusing to stamp " + r.alembicId() + ": " + target.describe() + " lacks " + missing.size()
                + " of the " + expected.size() + " IGEM tables of that revision (" + list + "); " + next);
    }
}
