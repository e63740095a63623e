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
        int width = Math.max(20, r.files().stream().mapToInt(f -> f.file().length()).max().orElse(0));
        String fmt = "%-" + width + "s  %10s  %s%n";
        out().println("Snapshot " + r.directory() + " (" + (r.manifest().snapshotVersion() == null ? "<unknown>"
                : r.manifest().snapshotVersion()) + "): " + r.files().size() + " file(s)");
        out().printf(fmt, "FILE", "SIZE", "STATUS");
        long total = 0;
        for (VerifyResult.FileCheck f : r.files()) {
            total += f.expectedSize();
            String status = f.status().name() + (f.detail() == null || f.status() == VerifyResult.Status.MISSING ? ""
                    : " (" + f.detail() + ")");
            out().printf(fmt, f.file(), ByteSizes.human(f.expectedSize()), status);
        }
        StringBuilder sum = new StringBuilder(r.files().size() + " file(s)");
        String sep = ": ";
        for (VerifyResult.Status s : VerifyResult.Status.values()) {
            if (r.count(s) > 0) {
                sum.append(sep).append(r.count(s)).append(' ').append(s.name());
                sep = ", ";
            }
        }
        out().printf(fmt, "TOTAL", ByteSizes.human(total), sum);
        if (r.ok()) {
            return 0;
        }
        ctx().err().println("error: " + r.failed().size() + " of " + r.files().size() + " file(s) failed verification: "
                + String.join(", ", r.failed().stream()
                .map(f -> f.file() + " (" + f.status().name().toLowerCase(Locale.ROOT) + ")").toList()));
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
