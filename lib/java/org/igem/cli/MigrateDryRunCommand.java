package org.igem.cli;

import org.igem.IgemDb;
import org.igem.migrate.DryRun;
import org.igem.migrate.Revisions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate-dry-run", mixinStandardHelpOptions = true,
        description = "Print the SQL `db upgrade` would run, without executing anything.")
final class MigrateDryRunCommand extends DbSubcommand {
    @Option(names = "--target", paramLabel = "<rev>", description = "Render up to this revision (default: head).")
    String targetRevision;

    @Override
    public Integer call() {
        DryRun dry;
        try (IgemDb db = open()) {
            dry = db.dryRun(targetRevision);
        }
        out().println("-- Dry-run (SQL only — no execution)");
        out().println("-- From: " + (dry.from() == null ? "<not versioned>" : dry.from().alembicId()));
        out().println("-- To  : " + dry.to().alembicId() + (dry.to().equals(Revisions.head()) ? " (head)" : ""));
        if (dry.isEmpty()) {
            out().println("-- Nothing to apply: the database is already at the target revision.");
        }
        for (DryRun.Script s : dry.scripts()) {
            out().println();
            out().println("-- ===== " + s.revision().label() + ": " + s.revision().script());
            out().print(s.sql());
            if (!s.sql().endsWith("\n")) {
                out().println();
            }
        }
        return 0;
    }
}
