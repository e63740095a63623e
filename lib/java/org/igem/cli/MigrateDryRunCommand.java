package org.igem.cli;

import org.igem.IgemDb;
import org.igem.migrate.DryRun;
import org.igem.ops.CommandOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.igem.report.Reports;

@Command(name = "migrate-dry-run", mixinStandardHelpOptions = true,
        description = "Print the SQL `db upgrade` would run, without executing anything.")
final class MigrateDryRunCommand extends LeafCommand {
    @Option(names = CommandOptions.DryRun.TARGET, paramLabel = "<rev>", description = "Render up to this revision (default: head).")
    String targetRevision;

    @Override
    public Integer call() {
        DryRun dry;
        try (IgemDb db = open()) {
            dry = db.dryRun(targetRevision);
        }
        Reports.dryRun(dry, out());
        return 0;
    }
}
