package org.igem.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.igem.Igem;
import org.igem.IgemException;
import org.igem.config.DbTarget;
import org.igem.snapshot.ByteSizes;
import org.igem.snapshot.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-hash every file of a snapshot against its manifest (exit 1 on any mismatch or missing file).")
final class VerifyCommand extends DbSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<snapshot-dir>",
            description = "Snapshot directory (or parquet:// URI). Default: the resolved --db-uri, which must be a snapshot.")
    String dir;

    @Override
    public Integer call() {
        VerifyResult r = Igem.verify(snapshotDir());
        Reports.verify(r, out());
        if (r.ok()) {
            return 0;
        }
        ctx().err().println("error: " + Reports.verifyFailure(r));
        return IgemException.FAILURE;
    }

    private Path snapshotDir() {
        if (dir != null && !dir.regionMatches(true, 0, "parquet:", 0, 8)) {
            return ctx().cwd().resolve(dir);
        }
        DbTarget t = dir != null ? ctx().resolve(dir) : target();
        if (!t.isSnapshot()) {
            throw IgemException.usage("db verify needs a snapshot directory: give <snapshot-dir> or --db-uri parquet:///dir "
                    + "(got " + t.describe() + ")");
        }
        return t.path();
    }
}
