package org.igem.cli;

import org.igem.IgemDb;
import org.igem.core.IgemException;
import org.igem.Info;
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
        if (!i.backend().equals("snapshot") && !i.connected()) {
            ctx().err().println("error: " + ctx().scrub(i.error()));
            if (debug() && i.failure() != null) {
                ctx().err().println(ctx().scrub(IgemCli.stackTrace(i.failure())));
            }
            return IgemException.FAILURE;
        }
        return 0;
    }
}
