package org.igem.migrate;

import javax.sql.DataSource;

import org.igem.config.DbTarget;
import org.igem.core.IgemException;

/** {@code db migrate-dry-run}: the SQL {@code db upgrade} would run up to a revision. Executes nothing. */
public record DbDryRun(DbTarget target, DataSource dataSource) {

    public DryRun run(Revision to) {
        SchemaMigrator m = new SchemaMigrator(dataSource, target);
        Status st = m.status();
        SchemaSteps.refuseUnknownRevision(st, "migrate-dry-run");
        if (st.current() != null && Revisions.indexOf(to) < Revisions.indexOf(st.current())) {
            throw new IgemException("database is at " + st.current().alembicId() + ", newer than target " + to.alembicId()
                    + "; downgrades are not supported, so there is no SQL to render");
        }
        // A Python igem-server database is rendered from the revision it would be adopted at.
        Revision from = st.current() != null ? st.current() : st.adoptable().orElse(null);
        return m.dryRun(from, to);
    }
}
