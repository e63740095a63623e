package org.igem.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.igem.Info;
import org.igem.SnapshotInfo;
import org.igem.SqlInfo;
import org.igem.migrate.DryRun;
import org.igem.migrate.Revision;
import org.igem.migrate.Revisions;
import org.igem.migrate.StampResult;
import org.igem.migrate.Status;
import org.igem.migrate.UpgradeResult;
import org.igem.core.ByteSizes;
import org.igem.download.DownloadListener;
import org.igem.download.DownloadResult;
import org.igem.export.ExportResult;
import org.igem.snapshot.Manifest;
import org.igem.core.TerminalText;
import org.igem.snapshot.VerifyResult;

/**
 * How results look on a terminal. The CLI commands and the Groovy DSL's steps print through these,
 * so a step in an ops script shows exactly what the command shows.
 */
public final class Reports {
    private Reports() {
    }

    static String bool(boolean b) {
        return b ? "True" : "False";
    }

    /** Values may come from a snapshot's manifest: control characters are escaped. */
    static void row(PrintWriter out, String label, Object value) {
        out.printf("%-15s: %s%n", label, value == null ? "<unknown>" : TerminalText.clean(String.valueOf(value)));
    }

    /** Text from a manifest (versions, names, server messages) for one terminal line, at most {@code max} characters. */
    static String shown(String s, int max) {
        return s == null ? "<unknown>" : TerminalText.clean(s, max);
    }

    /** How many failures a failed download or verification lists under its summary line, and their width. */
    static final int LISTED_FAILURES = 5;
    static final int DETAIL_WIDTH = 200;

    public static void status(Status st, PrintWriter out) {
        out.println("Schema status");
        row(out, "DB URI", st.uri());
        row(out, "Repo head", st.head().label());
        row(out, "DB revision", st.current() != null ? st.current().label() : st.versioned() ? st.currentRaw() + " (unknown)" : "<none>");
        row(out, "Versioned?", bool(st.versioned()));
        if (st.alembicRevision() != null) {
            row(out, "Alembic", st.alembicRevision() + " (Python igem-server) = " + st.adoptable().map(Revision::label)
                    .orElse("unknown to this igem"));
        }
        out.println("→ " + st.nextStep());
        out.flush();
    }

    /** Prints the info rows; a SQL database that could not be reached stops after "Connected : False". */
    public static void info(Info i, PrintWriter out) {
        row(out, "Backend", i.backend());
        row(out, "Read-only", bool(i.readOnly()));
        row(out, "URI", i.uri());
        if (i instanceof SnapshotInfo s) {
            row(out, "Path", s.path());
            row(out, "Snapshot", s.snapshotVersion());
            row(out, "Schema version", s.schemaVersion());
            row(out, "Schema revision", s.revision());
            row(out, "Tables", s.tableCount());
            row(out, "Exported at", s.exportedAt());
            row(out, "SQL", s.sql());
        } else if (i instanceof SqlInfo q) {
            row(out, "Engine", q.engine());
            row(out, "Host", q.host());
            row(out, "Database", q.database());
            row(out, "Connected", bool(q.connected()));
            if (q.connected()) {
                row(out, "Server", q.serverVersion());
                row(out, "Revision", q.revision());
                row(out, "pgvector", q.vector());
            }
        }
        out.flush();
    }

    public static void dryRun(DryRun dry, PrintWriter out) {
        out.println("-- Dry-run (SQL only — no execution)");
        out.println("-- From: " + (dry.from() == null ? "<not versioned>" : dry.from().alembicId()));
        out.println("-- To  : " + dry.to().alembicId() + (dry.to().equals(Revisions.head()) ? " (head)" : ""));
        if (dry.isEmpty()) {
            out.println("-- Nothing to apply: the database is already at the target revision.");
        }
        for (DryRun.Script s : dry.scripts()) {
            out.println();
            out.println("-- ===== " + s.revision().label() + ": " + s.revision().script());
            out.print(s.sql());
            if (!s.sql().endsWith("\n")) {
                out.println();
            }
        }
        out.flush();
    }

    public static void stamp(StampResult r, PrintWriter out) {
        switch (r.outcome()) {
            case ALREADY_AT_HEAD -> out.println("Already at head; nothing to do.");
            case STAMPED -> {
                out.println("Stamping schema revision " + r.head().label() + "...");
                out.println("Stamp complete.");
            }
            case ADOPTED -> {
                out.println("Adopting Alembic revision " + r.previous() + " (Python igem-server) as " + r.head().label() + "...");
                out.println("Stamp complete." + (r.head().equals(Revisions.head()) ? "" : " Run `igem db upgrade` to reach head."));
            }
            case RESTAMPED -> {
                out.println("Replacing recorded revision " + r.previous() + " with " + r.head().label() + " (--force)...");
                out.println("Stamp complete.");
            }
        }
        out.flush();
    }

    public static void upgrade(UpgradeResult r, PrintWriter out) {
        out.println("Upgrade complete: database at " + r.to().label()
                + (r.migrated() ? " (" + r.applied().size() + " migration(s) applied)" : "") + ".");
        out.flush();
    }

    public static void export(ExportResult r, PrintWriter out) {
        int width = Math.max(5, r.tables().values().stream().mapToInt(t -> t.name().length()).max().orElse(5));
        String fmt = "%-" + width + "s  %12s  %10s%n";
        out.printf(fmt, "TABLE", "ROWS", "SIZE");
        for (ExportResult.TableResult t : r.tables().values()) {
            out.printf(fmt, t.name(), t.rows(), ByteSizes.human(t.sizeBytes()));
        }
        out.printf(fmt, "TOTAL", r.totalRows(), ByteSizes.human(r.totalBytes()));
        out.println();
        out.println("Output : " + r.output());
        out.println("Snapshot version : " + r.snapshotVersion());
        out.println("Schema version : " + r.schemaVersion());
        out.println("Duration : " + String.format(Locale.ROOT, "%.1f s", r.durationSeconds()));
        out.flush();
    }

    /** The verify table and TOTAL line (the caller reports failures). */
    public static void verify(VerifyResult r, PrintWriter out) {
        int width = Math.min(80, Math.max(20, r.files().stream().mapToInt(f -> shown(f.file(), 80).length()).max().orElse(0)));
        String fmt = "%-" + width + "s  %10s  %s%n";
        out.println("Snapshot " + r.directory() + " (" + shown(r.manifest().snapshotVersion(), 80) + "): "
                + r.files().size() + " file(s)");
        out.printf(fmt, "FILE", "SIZE", "STATUS");
        long total = 0;
        for (VerifyResult.FileCheck f : r.files()) {
            total += f.expectedSize();
            String status = f.status().name() + (f.detail() == null || f.status() == VerifyResult.Status.MISSING ? ""
                    : " (" + shown(f.detail(), DETAIL_WIDTH) + ")");
            out.printf(fmt, shown(f.file(), 200), ByteSizes.human(f.expectedSize()), status);
        }
        StringBuilder sum = new StringBuilder(r.files().size() + " file(s)");
        String sep = ": ";
        for (VerifyResult.Status s : VerifyResult.Status.values()) {
            if (r.count(s) > 0) {
                sum.append(sep).append(r.count(s)).append(' ').append(s.name());
                sep = ", ";
            }
        }
        out.printf(fmt, "TOTAL", ByteSizes.human(total), sum);
        out.flush();
    }

    public static void nlpBuild(org.igem.nlp.NlpBuild b, PrintWriter out) {
        row(out, "Aliases", b.aliasCount());
        row(out, "Unique norms", b.normCount());
        row(out, "Name cache", b.nameCacheCount());
        row(out, "Filtered", b.filteredShort() + " shorter than " + b.minAliasLength() + ", " + b.filteredStopword() + " stopwords");
        row(out, "Cache size", ByteSizes.human(b.sizeBytes()));
        row(out, "Build time", String.format(Locale.ROOT, "%.1f s", b.buildSeconds()));
        row(out, "Output", b.directory());
        out.flush();
    }

    /** One line per hit: span, matched text, alias, entity id, primary name, type, domain. */
    public static void hits(List<org.igem.nlp.Hit> hits, PrintWriter out) {
        if (hits.isEmpty()) {
            out.println("(no hits)");
        }
        for (org.igem.nlp.Hit h : hits) {
            out.printf("[%d,%d) %-20s alias=%s entity=%d (%s) type=%s domain=%s%n", h.start(), h.end(), quoted(h.text()),
                    quoted(h.alias()), h.entityId(), h.primaryName() == null ? "-" : h.primaryName(),
                    h.entityType() == null ? "-" : h.entityType(), h.domain() == null ? "-" : h.domain());
        }
        out.flush();
    }

    /** The resolved matches of {@code nlp search}: span, matched norm, entity, type, best alias, confidence, status. */
    public static void matches(List<org.igem.nlp.ResolvedMatch> matches, PrintWriter out) {
        if (matches.isEmpty()) {
            out.println("(no matches)");
        }
        for (org.igem.nlp.ResolvedMatch m : matches) {
            out.printf(java.util.Locale.ROOT, "[%d,%d) %-20s norm=%s entity=%d (%s) type=%s domain=%s alias=%s (%s%s) confidence=%.3f %s%n",
                    m.start(), m.end(), quoted(m.text()), quoted(m.matchedText()), m.entityId(),
                    m.primaryName() == null ? "-" : m.primaryName(), m.entityType() == null ? "-" : m.entityType(),
                    m.domain() == null ? "-" : m.domain(), quoted(m.aliasValue()), m.aliasType() == null ? "-" : m.aliasType(),
                    m.xrefSource() == null ? "" : ", " + m.xrefSource(), m.confidence(), m.reviewStatus());
        }
        out.flush();
    }

    public static void entries(List<org.igem.nlp.Entry> entries, PrintWriter out) {
        if (entries.isEmpty()) {
            out.println("(no entries)");
        }
        for (org.igem.nlp.Entry e : entries) {
            out.printf("%s entity=%d (%s) type=%s domain=%s%n", quoted(e.alias()), e.entityId(),
                    e.primaryName() == null ? "-" : e.primaryName(), e.entityType() == null ? "-" : e.entityType(),
                    e.domain() == null ? "-" : e.domain());
        }
        out.flush();
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    /** One-line summary of a failed verification. */
    public static String verifyFailure(VerifyResult r) {
        List<VerifyResult.FileCheck> failed = r.failed();
        return failed.size() + " of " + r.files().size() + " file(s) failed verification: "
                + String.join(", ", failed.stream().limit(LISTED_FAILURES)
                .map(f -> shown(f.file(), 60) + " (" + f.status().name().toLowerCase(Locale.ROOT) + ")").toList())
                + (failed.size() > LISTED_FAILURES ? " … and " + (failed.size() - LISTED_FAILURES) + " more" : "");
    }

    /**
     * The one line a failed download ends with: how many files failed, the first few names, why the
     * run gave up early if it did, and that the directory is incomplete.
     */
    public static String downloadFailure(DownloadResult r) {
        List<DownloadResult.FileResult> failed = failuresFirst(r);
        return failed.size() + " file(s) failed: " + String.join(", ", failed.stream().limit(LISTED_FAILURES)
                .map(f -> shown(f.file(), 60)).toList())
                + (failed.size() > LISTED_FAILURES ? " … and " + (failed.size() - LISTED_FAILURES) + " more" : "")
                + (r.stopped() == null ? "" : "; gave up: " + shown(r.stopped(), DETAIL_WIDTH))
                + "; manifest.json was not written, " + r.output() + " is incomplete (run the command again to resume)";
    }

    /** At most {@link #LISTED_FAILURES} "  file: why" lines, each at most ~200 characters, then "  … and N more". */
    public static List<String> downloadFailureDetails(DownloadResult r) {
        List<DownloadResult.FileResult> failed = failuresFirst(r);
        List<String> lines = new java.util.ArrayList<>();
        failed.stream().limit(LISTED_FAILURES)
                .forEach(f -> lines.add("  " + shown(f.file() + ": " + f.error(), DETAIL_WIDTH)));
        if (failed.size() > LISTED_FAILURES) {
            lines.add("  … and " + (failed.size() - LISTED_FAILURES) + " more (the table above lists every file)");
        }
        return lines;
    }

    /** Failed files before skipped ones (a skip only repeats why the run stopped), manifest order otherwise. */
    private static List<DownloadResult.FileResult> failuresFirst(DownloadResult r) {
        List<DownloadResult.FileResult> failed = new java.util.ArrayList<>(r.failed());
        failed.sort(java.util.Comparator.comparing(f -> f.status() == DownloadResult.Status.SKIPPED));
        return failed;
    }

    /** Prints the download header once the manifest is in, then one row per file as it finishes. */
    public static final class DownloadPrinter implements DownloadListener {
        private final PrintWriter out;
        private final PrintWriter err;
        private int width = 20;

        public DownloadPrinter(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public synchronized void warning(String message) {
            err.println("warning: " + shown(message, 400));
            err.flush();
        }

        @Override
        public synchronized void started(Manifest m, List<Manifest.FileEntry> files) {
            width = Math.min(80, Math.max(width, files.stream().mapToInt(f -> shown(f.file(), 80).length()).max().orElse(0)));
            long total = files.stream().mapToLong(Manifest.FileEntry::sizeBytes).sum();
            out.println("Snapshot " + shown(m.snapshotVersion(), 80) + " (schema " + shown(m.schemaVersion(), 80) + "): "
                    + files.size() + " file(s), " + ByteSizes.human(total));
            out.printf("%-" + width + "s  %10s  %s%n", "FILE", "SIZE", "STATUS");
            out.flush();
        }

        @Override
        public synchronized void fileDone(DownloadResult.FileResult f) {
            String status = f.ok() ? f.status().label()
                    : f.status().label() + ": " + shown(f.error(), DETAIL_WIDTH);
            out.printf("%-" + width + "s  %10s  %s%n", shown(f.file(), 200), ByteSizes.human(f.sizeBytes()), status);
            out.flush();
        }

        /** TOTAL and throughput lines after the run. */
        public void summary(DownloadResult r) {
            StringBuilder b = new StringBuilder(r.files().size() + " file(s)");
            String sep = ": ";
            for (DownloadResult.Status s : DownloadResult.Status.values()) {
                long n = r.count(s);
                if (n > 0) {
                    b.append(sep).append(n).append(' ').append(s.label());
                    sep = ", ";
                }
            }
            out.printf("%-" + width + "s  %10s  %s%n", "TOTAL", ByteSizes.human(r.totalBytes()), b);
            out.printf(Locale.ROOT, "Fetched %s in %.1f s%n", ByteSizes.human(r.bytesFetched()), r.elapsed().toMillis() / 1000.0);
            out.flush();
        }
    }
}
