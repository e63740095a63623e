package org.igem.cli;

import org.igem.IgemDb;
import org.igem.core.IgemException;
import org.igem.Info;
import org.igem.SqlInfo;
import picocli.CommandLine.Command;
import org.igem.report.Reports;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show connection information for a SQL database or a snapshot.")
final class InfoCommand extends LeafCommand {
    @Override
    public Integer call() {
        Info i;
        try (IgemDb db = open()) {
            i = db.info();
        }
        Reports.info(i, out());
        if (i instanceof SqlInfo q && !q.connected()) {
            ctx().err().println("error: " + ctx().scrub(q.error()));
            if (debug() && q.failure() != null) {
                ctx().err().println(ctx().scrub(IgemCli.stackTrace(q.failure())));
            }
            return IgemException.FAILURE;
        }
        return 0;
    }
}
