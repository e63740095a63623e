package org.igem.cli;

import org.igem.IgemDb;
import org.igem.migrate.Status;
import org.igem.ops.CommandOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.igem.report.JsonReports;
import org.igem.report.Reports;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Report the database's schema revision against head.")
final class StatusCommand extends LeafCommand {
    @Option(names = CommandOptions.Status.JSON, description = "Print the status as JSON.")
    boolean json;

    @Option(names = CommandOptions.Status.CHECK, description = "Exit with code 3 when the database is not at head (for deploy pipelines).")
    boolean check;

    @Override
    public Integer call() throws Exception {
        Status st;
        try (IgemDb db = open()) {
            st = db.status();
        }
        if (json) {
            out().println(JsonReports.pretty(JsonReports.status(st)));
        } else {
            Reports.status(st, out());
        }
        return check && !st.upToDate() ? IgemCli.NOT_AT_HEAD : 0;
    }
}
