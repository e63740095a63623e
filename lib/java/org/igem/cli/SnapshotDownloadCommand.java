package org.igem.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.igem.Igem;
import org.igem.core.IgemException;
import org.igem.core.ByteSizes;
import org.igem.download.DownloadListener;
import org.igem.download.DownloadOptions;
import org.igem.download.DownloadResult;
import org.igem.snapshot.Manifest;
import org.igem.ops.CommandOptions.Download;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.igem.report.Reports;

@Command(name = "snapshot-download", mixinStandardHelpOptions = true,
        description = "Download a Parquet snapshot from an HTTP endpoint, verifying every file.")
final class SnapshotDownloadCommand extends LeafCommand {
    // opens no database: the inherited --db-uri is accepted and unused

    @Option(names = {"-o", Download.OUTPUT}, required = true, paramLabel = "<dir>",
            description = "Local snapshot directory (created if missing; its parent must exist).")
    String output;

    @Option(names = Download.URL, paramLabel = "<base>", defaultValue = Download.URL_DEFAULT,
            description = "Base URL serving manifest.json and the snapshot files (http or https). Default: ${DEFAULT-VALUE}")
    String url;

    @Option(names = Download.WORKERS, paramLabel = "N", defaultValue = Download.WORKERS_DEFAULT, description = "Concurrent downloads. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = Download.INCLUDE_NLP, description = "Also download the pre-compiled NLP cache (large).")
    boolean includeNlp;

    @Option(names = Download.OVERWRITE, description = "Re-download files even when they are present with the right sha256.")
    boolean overwrite;

    @Option(names = Download.RETRIES, paramLabel = "N", defaultValue = Download.RETRIES_DEFAULT,
            description = "Retries per file on transient errors (connection reset, HTTP 5xx/429), with exponential backoff. "
                    + "Default: ${DEFAULT-VALUE}")
    int retries;

    @Option(names = Download.TIMEOUT, paramLabel = "<seconds>", defaultValue = Download.TIMEOUT_DEFAULT,
            description = "How long a connect or one read may wait for the server before the attempt counts as failed "
                    + "(then retried). Once a file has failed all its attempts this way the whole download gives up. "
                    + "Default: ${DEFAULT-VALUE}")
    double timeout;

    @Override
    public Integer call() {
        if (retries < 0) {
            throw IgemException.usage("--retries must be 0 or more (got " + retries + ")");
        }
        if (!(timeout > 0) || timeout > 86_400) {
            throw IgemException.usage("--timeout must be greater than 0 and at most 86400 seconds (got " + timeout + ")");
        }
        CliContext ctx = ctx();
        // every usage check (URL scheme, workers) happens here, before any network or file activity
        DownloadOptions opts = DownloadOptions.of(url, ctx.cwd().resolve(output))
                .withWorkers(workers).withIncludeNlp(includeNlp).withOverwrite(overwrite).withRetries(retries)
                .withIdleTimeout(java.time.Duration.ofMillis(Math.max(1, Math.round(timeout * 1000))));
        PrintWriter out = ctx.out();
        Reports.DownloadPrinter printer = new Reports.DownloadPrinter(out, ctx.err());
        DownloadResult r = Igem.download(opts, printer);

        printer.summary(r);
        if (r.ok()) {
            out.println("Snapshot complete: " + r.output() + " (use it with --db-uri " + r.output() + ")");
            return 0;
        }
        // one summary line, then a short capped list: the table on stdout already has every file
        PrintWriter err = ctx.err();
        err.println("error: " + Reports.downloadFailure(r));
        Reports.downloadFailureDetails(r).forEach(err::println);
        err.flush();
        return IgemException.FAILURE;
    }
}
