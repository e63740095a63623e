package org.igem.cli;

import java.util.Locale;

import org.igem.Igem;
import org.igem.core.IgemException;
import org.igem.core.ByteSizes;
import org.igem.snapshot.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.igem.report.Reports;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-hash every file of a snapshot against its manifest (exit 1 on any mismatch or missing file).")
final class VerifyCommand extends LeafCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<snapshot-dir>",
            description = "Snapshot directory (or parquet:// URI). Default: the resolved --db-uri, which must be a snapshot.")
    String dir;

    @Override
    public Integer call() {
        VerifyResult r = Igem.verify(snapshotDir(dir, "verify"));
        Reports.verify(r, out());
        if (r.ok()) {
            return 0;
        }
        ctx().err().println("error: " + Reports.verifyFailure(r));
        return IgemException.FAILURE;
    }
}
