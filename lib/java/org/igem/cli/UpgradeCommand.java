package org.igem.cli;

import org.igem.IgemDb;
import org.igem.ops.CommandOptions.Upgrade;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.igem.report.Reports;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Apply pending migrations (in one transaction) and re-apply the reference data idempotently.")
final class UpgradeCommand extends LeafCommand {
    @Option(names = Upgrade.TARGET, paramLabel = "<rev>", description = "Stop at this revision (default: head).")
    String targetRevision;

    @Override
    public Integer call() {
        try (IgemDb db = open()) {
            var r = db.upgrade(targetRevision);
            Reports.upgrade(r, out());
            return 0;
        }
    }
}
