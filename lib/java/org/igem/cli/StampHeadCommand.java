package org.igem.cli;

import org.igem.IgemDb;
import org.igem.ops.CommandOptions.StampHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.igem.report.Reports;

@Command(name = "stamp-head", mixinStandardHelpOptions = true,
        description = "Record the head revision without running any DDL (baseline an existing database).")
final class StampHeadCommand extends LeafCommand {
    @Option(names = StampHead.FORCE, description = "Replace a different recorded revision (have a backup ready).")
    boolean force;

    @Override
    public Integer call() {
        try (IgemDb db = open()) {
            var r = db.stampHead(force);
            Reports.stamp(r, out());
            return 0;
        }
    }
}
