package org.igem.cli;

import org.igem.IgemDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Apply pending migrations (in one transaction) and re-apply the reference data idempotently.")
final class UpgradeCommand extends DbSubcommand {
    @Option(names = "--target", paramLabel = "<rev>", description = "Stop at this revision (default: head).")
    String targetRevision;

    @Override
    public Integer call() {
        try (IgemDb db = open()) {
            var r = db.upgrade(targetRevision);
            out().println("Upgrade complete: database at " + r.to().label()
                    + (r.migrated() ? " (" + r.applied().size() + " migration(s) applied)" : "") + ".");
            return 0;
        }
    }
}
