package org.igem.dsl;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.igem.Igem;
import org.igem.IgemDb;
import org.igem.core.IgemException;
import org.igem.Info;
import org.igem.report.Reports;
import org.igem.config.DbTarget;
import org.igem.migrate.DryRun;
import org.igem.migrate.Status;
import org.igem.nlp.DictionaryOptions;
import org.igem.nlp.Entry;
import org.igem.nlp.Hit;
import org.igem.nlp.NlpBuild;
import org.igem.nlp.NlpIndex;
import org.igem.snapshot.SnapshotNlp;
import org.igem.parquet.Compression;
import org.igem.download.DownloadOptions;
import org.igem.download.DownloadResult;
import org.igem.export.ExportOptions;
import org.igem.export.ExportResult;
import org.igem.snapshot.VerifyResult;

/**
 * The steps of an ops script against one database. Each step calls the core library, prints what
 * the matching CLI command prints (unless {@code quiet}), and returns the library's typed result.
 * Map options are named like the CLI options ({@code to}/{@code output}, {@code tables},
 * {@code exclude}, {@code overwrite}, …). Under {@code igem run --plan}, steps that change a
 * database or write files only say what they would do and return null.
 */
public class IgemSteps implements AutoCloseable {
    private final DslContext ctx;
    private final String uri;
    private IgemDb db;
    private final Map<Path, NlpIndex> indexes = new java.util.HashMap<>();
    private NlpIndex ownIndex;

    IgemSteps(DslContext ctx, String uri) {
        this.ctx = ctx;
        this.uri = uri;
    }

    // ------------------------------------------------------------------ schema steps

    public Status status() {
        return status(Map.of());
    }

    public Status status(Map<String, ?> opts) {
        Opts o = Opts.of("status", opts, "quiet");
        return step("status", () -> {
            Status st = db().status();
            if (!quiet(o)) {
                Reports.status(st, ctx.out());
            }
            return st;
        });
    }

    public IgemDb.CreateResult create() {
        return create(Map.of());
    }

    public IgemDb.CreateResult create(Map<String, ?> opts) {
        Opts o = Opts.of("create", opts, "overwrite", "target", "quiet");
        return step("create", () -> {
            if (ctx.plan()) {
                return plan("create", "would create " + db().target().describe() + (o.bool("overwrite") ? " (--overwrite)" : "")
                        + ", apply migrations up to " + (o.str("target") == null ? "head" : o.str("target")) + " and seed it");
            }
            return progress(o).create(o.bool("overwrite"), o.str("target"));
        });
    }

    public IgemDb.UpgradeResult upgrade() {
        return upgrade(Map.of());
    }

    public IgemDb.UpgradeResult upgrade(Map<String, ?> opts) {
        Opts o = Opts.of("upgrade", opts, "target", "quiet");
        return step("upgrade", () -> {
            if (ctx.plan()) {
                DryRun dry = db().dryRun(o.str("target"));
                plan("upgrade", "would apply " + dry.scripts().size() + " migration(s) and re-apply the seeds; the SQL:");
                Reports.dryRun(dry, ctx.out());
                return null;
            }
            IgemDb.UpgradeResult r = progress(o).upgrade(o.str("target"));
            if (!quiet(o)) {
                Reports.upgrade(r, ctx.out());
            }
            return r;
        });
    }

    public IgemDb.StampResult stampHead() {
        return stampHead(Map.of());
    }

    public IgemDb.StampResult stampHead(Map<String, ?> opts) {
        Opts o = Opts.of("stampHead", opts, "force", "quiet");
        return step("stampHead", () -> {
            if (ctx.plan()) {
                return plan("stampHead", "would record the head revision (now: " + db().status().state() + ")"
                        + (o.bool("force") ? " with --force" : ""));
            }
            IgemDb.StampResult r = db().stampHead(o.bool("force"));
            if (!quiet(o)) {
                Reports.stamp(r, ctx.out());
            }
            return r;
        });
    }

    /** The pending SQL; {@code to: 'file.sql'} also saves it (written atomically). Read-only, so it runs under --plan too. */
    public DryRun dryRun() {
        return dryRun(Map.of());
    }

    public DryRun dryRun(Map<String, ?> opts) {
        Opts o = Opts.of("dryRun", opts, "to", "target", "quiet");
        return step("dryRun", () -> {
            DryRun dry = db().dryRun(o.str("target"));
            if (o.str("to") != null) {
                StringWriter sw = new StringWriter();
                Reports.dryRun(dry, new PrintWriter(sw));
                writeAtomically(ctx.cwd().resolve(o.str("to")), sw.toString());
            }
            if (!quiet(o)) {
                Reports.dryRun(dry, ctx.out());
            }
            return dry;
        });
    }

    public Info info() {
        return info(Map.of());
    }

    public Info info(Map<String, ?> opts) {
        Opts o = Opts.of("info", opts, "quiet");
        return step("info", () -> {
            Info i = db().info();
            if (!quiet(o)) {
                Reports.info(i, ctx.out());
            }
            if (!i.connected()) {
                throw new IgemException(i.error());
            }
            return i;
        });
    }

    // ------------------------------------------------------------------ exploring

    public List<IgemDb.TableInfo> tables() {
        return step("tables", () -> db().tables());
    }

    public IgemDb.Rows head(String table, int limit) {
        return step("head", () -> db().head(table, limit));
    }

    /** Up to 1000 rows of one read-only query (any URI kind; a snapshot through DuckDB). */
    public IgemDb.Rows query(String sql) {
        return step("query", () -> db().query(sql));
    }

    /**
     * {@code query(maxRows: 10, sql)} returns the typed {@code Rows}; {@code query(to: 'out.csv', format: 'csv', sql)}
     * streams the whole result into the file (temporary name, renamed when complete) and returns the
     * {@link org.igem.query.QueryResult}; the format defaults to the file's extension (csv, json, parquet, else table).
     */
    public Object query(Map<String, ?> opts, String sql) {
        Opts o = Opts.of("query", opts, "to", "output", "format", "maxRows", "quiet");
        String to = o.str("to") != null ? o.str("to") : o.str("output");
        return step("query", () -> {
            if (to == null) {
                return db().query(sql, o.has("maxRows") ? o.integer("maxRows") : 1000);
            }
            Path file = ctx.cwd().resolve(to);
            org.igem.query.ResultFormat fmt = org.igem.query.ResultFormat.parse(o.str("format") != null ? o.str("format")
                    : to.endsWith(".csv") ? "csv" : to.endsWith(".json") ? "json" : to.endsWith(".parquet") ? "parquet" : "table");
            if (ctx.plan()) {
                return plan("query", "would write the result of the query as " + fmt.label() + " to " + file);
            }
            org.igem.query.QueryResult r = db().queryTo(sql, file, fmt);
            if (!quiet(o)) {
                ctx.out().println(r.rows() + (r.rows() == 1 ? " row" : " rows") + " written to " + file);
                ctx.out().flush();
            }
            return r;
        });
    }

    // ------------------------------------------------------------------ snapshots

    public ExportResult export(Map<String, ?> opts) {
        Opts o = Opts.of("export", opts, "to", "output", "tables", "exclude", "chunksize", "compression", "version",
                "overwrite", "quiet");
        String to = o.str("to") != null ? o.str("to") : o.str("output");
        if (to == null) {
            throw fail("export", IgemException.usage("export needs to: '<output dir>'"));
        }
        return step("export", () -> {
            ExportOptions eo = ExportOptions.to(ctx.cwd().resolve(to)).withTables(o.list("tables")).withExclude(o.list("exclude"))
                    .withOverwrite(o.bool("overwrite"));
            if (o.has("chunksize")) {
                eo = eo.withChunksize(o.integer("chunksize"));
            }
            if (o.has("compression")) {
                eo = eo.withCompression(Compression.parse(o.str("compression")));
            }
            if (o.has("version")) {
                eo = eo.withVersion(o.str("version"));
            }
            if (ctx.plan()) {
                return plan("export", "would export " + db().tables().size() + " table(s) of " + db().target().display()
                        + " to " + eo.output());
            }
            ExportResult r = db().export(eo);
            if (!quiet(o)) {
                Reports.export(r, ctx.out());
            }
            return r;
        });
    }

    public DownloadResult download(Map<String, ?> opts) {
        Opts o = Opts.of("download", opts, "url", "to", "output", "workers", "includeNlp", "overwrite", "retries", "timeout",
                "quiet");
        String to = o.str("to") != null ? o.str("to") : o.str("output");
        if (to == null) {
            throw fail("download", IgemException.usage("download needs to: '<output dir>'"));
        }
        return step("download", () -> {
            DownloadOptions d = DownloadOptions.of(o.str("url") != null ? o.str("url") : DownloadOptions.DEFAULT_URL,
                    ctx.cwd().resolve(to)).withIncludeNlp(o.bool("includeNlp")).withOverwrite(o.bool("overwrite"));
            if (o.has("workers")) {
                d = d.withWorkers(o.integer("workers"));
            }
            if (o.has("retries")) {
                d = d.withRetries(o.integer("retries"));
            }
            if (o.has("timeout")) {
                d = d.withIdleTimeout(java.time.Duration.ofSeconds(o.integer("timeout")));
            }
            if (ctx.plan()) {
                return plan("download", "would fetch " + org.igem.download.UrlText.redact(d.url()) + "manifest.json and its files into " + d.output());
            }
            Reports.DownloadPrinter printer = new Reports.DownloadPrinter(quiet(o) ? nullWriter() : ctx.out(), ctx.err());
            DownloadResult r = Igem.download(d, printer);
            if (!quiet(o)) {
                printer.summary(r);
            }
            if (!r.ok()) {
                throw new IgemException(Reports.downloadFailure(r));
            }
            return r;
        });
    }

    /** Re-hashes a snapshot; a problem fails the step unless {@code failOnError: false}. */
    public VerifyResult verify(Object snapshot) {
        return verify(Map.of(), snapshot);
    }

    public VerifyResult verify(Map<String, ?> opts, Object snapshot) {
        Opts o = Opts.of("verify", opts, "quiet", "failOnError");
        return step("verify", () -> {
            VerifyResult r = Igem.verify(snapshotDir(snapshot));
            if (!quiet(o)) {
                Reports.verify(r, ctx.out());
            }
            if (!r.ok() && (!o.has("failOnError") || o.bool("failOnError"))) {
                throw new IgemException(Reports.verifyFailure(r));
            }
            return r;
        });
    }

    // ------------------------------------------------------------------ NLP

    /** Builds the snapshot's NLP cache ({@code db snapshot-nlp}); {@code overwrite: true} rebuilds an existing one. */
    public NlpBuild nlp(Object snapshot) {
        return nlp(Map.of(), snapshot);
    }

    public NlpBuild nlp(Map<String, ?> opts, Object snapshot) {
        Opts o = Opts.of("nlp", opts, "overwrite", "quiet");
        return step("nlp", () -> {
            Path dir = snapshotDir(snapshot);
            if (ctx.plan()) {
                return plan("nlp", "would build the NLP cache in " + SnapshotNlp.cacheDir(dir));
            }
            NlpBuild b = SnapshotNlp.build(dir, o.bool("overwrite"), DictionaryOptions.defaults(), line -> { });
            indexes.remove(dir);
            if (!quiet(o)) {
                Reports.nlpBuild(b, ctx.out());
            }
            return b;
        });
    }

    /** Whole-word alias hits in {@code text}, using the snapshot's cache (loaded once per script). */
    public List<Hit> search(Object snapshot, String text) {
        return step("search", () -> index(snapshot).search(text));
    }

    /** Hits using this step's database (a snapshot's cache, or a SQL database's aliases). */
    public List<Hit> search(String text) {
        return step("search", () -> ownIndex().search(text));
    }

    public List<Entry> lookup(Object snapshot, String alias) {
        return step("lookup", () -> index(snapshot).lookup(alias));
    }

    public List<Entry> lookup(String alias) {
        return step("lookup", () -> ownIndex().lookup(alias));
    }

    /**
     * {@code igem nlp annotate} as a step: {@code annotate(input: 'corpus.jsonl', output: 'matches.jsonl',
     * idField: 'pmid', mode: 'smart', threads: 4)}; options are the CLI's, camel-cased ({@code snapshot}:
     * use that snapshot's cache instead of this step's database). Returns the run's totals.
     */
    public org.igem.nlp.Annotator.Result annotate(Map<String, ?> opts) {
        Opts o = Opts.of("annotate", opts, "input", "snapshot", "format", "textField", "idField", "output",
                "outputFormat", "mode", "threshold", "types", "domains", "threads", "onError", "overwrite", "quiet");
        if (o.str("input") == null) {
            throw fail("annotate", IgemException.usage("annotate needs input: '<corpus file>'"));
        }
        return step("annotate", () -> {
            double threshold;
            try {
                threshold = o.has("threshold") ? Double.parseDouble(o.str("threshold")) : org.igem.nlp.ResolveOptions.DEFAULT_THRESHOLD;
            } catch (NumberFormatException e) {
                throw IgemException.usage("annotate(): threshold must be a number, got '" + o.str("threshold") + "'");
            }
            var resolve = new org.igem.nlp.ResolveOptions(org.igem.nlp.ResolveOptions.Mode.parse(o.has("mode") ? o.str("mode") : "best_match"),
                    threshold, Set.copyOf(o.list("types")), Set.copyOf(o.list("domains")));
            Path in = ctx.cwd().resolve(o.str("input"));
            Path out = o.has("output") ? ctx.cwd().resolve(o.str("output")) : null;
            var request = new org.igem.nlp.AnnotateRequest(in, o.has("format") ? org.igem.nlp.Corpus.Format.parse(o.str("format")) : null,
                    o.has("textField") ? o.str("textField") : "text", o.str("idField"), out,
                    o.has("outputFormat") ? org.igem.nlp.AnnotateRequest.OutputFormat.parse(o.str("outputFormat")) : null,
                    resolve, o.has("threads") ? o.integer("threads") : 0,
                    o.has("onError") ? org.igem.nlp.Annotator.OnError.parse(o.str("onError")) : null, o.bool("overwrite"));
            if (ctx.plan()) {
                return plan("annotate", "would annotate " + in + " into " + (out == null ? "stdout" : out));
            }
            NlpIndex ix = o.has("snapshot") ? index(o.get("snapshot")) : ownIndex();
            var r = org.igem.nlp.Annotations.run(ix, request, System.in, new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    ctx.out().write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
                }

                @Override
                public void flush() {
                    ctx.out().flush();
                }
            }, (n, bytes, bad) -> bad.forEach(x -> ctx.err().println("warning: skipped bad record at " + x)));
            if (!quiet(o)) {
                ctx.out().printf(java.util.Locale.ROOT, "Annotated %d records: %d matches%s in %.2f s%s%n", r.records(), r.matches(),
                        r.badRecords() > 0 ? ", " + r.badRecords() + " bad records skipped" : "", r.seconds(),
                        out == null ? "" : " -> " + out);
                ctx.out().flush();
            }
            return r;
        });
    }

    private NlpIndex index(Object snapshot) {
        Path dir = snapshotDir(snapshot);
        return indexes.computeIfAbsent(dir, d -> SnapshotNlp.open(d, w -> ctx.err().println("warning: " + w)));
    }

    private NlpIndex ownIndex() {
        if (ownIndex == null) {
            ownIndex = db().onProgress(ctx.err()::println).nlp();
        }
        return ownIndex;
    }

    // ------------------------------------------------------------------ script helpers

    /** Stops the script with a message naming this line (exit 1). */
    public void fail(String message) {
        throw fail("fail", new IgemException(message));
    }

    /** Today's date (UTC), e.g. for snapshot directory names. */
    public String getToday() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    /** True under {@code igem run --plan}. */
    public boolean isPlan() {
        return ctx.plan();
    }

    /** A snapshot directory from what a step returned or a path/URI. */
    Path snapshotDir(Object snapshot) {
        if (snapshot instanceof ExportResult e) {
            return e.output();
        }
        if (snapshot instanceof DownloadResult d) {
            return d.output();
        }
        if (snapshot instanceof Path p) {
            return ctx.cwd().resolve(p);
        }
        if (snapshot instanceof File f) {
            return ctx.cwd().resolve(f.toPath());
        }
        if (snapshot instanceof CharSequence s) {
            DbTarget t = ctx.resolve(s.toString());
            if (!t.isSnapshot()) {
                throw IgemException.usage("'" + s + "' is not a snapshot directory (no manifest.json)");
            }
            return t.path();
        }
        throw IgemException.usage("expected a snapshot (an export/download result, a path or a parquet:// URI), got "
                + (snapshot == null ? "null" : snapshot.getClass().getSimpleName()));
    }

    // ------------------------------------------------------------------ plumbing

    IgemDb db() {
        if (db == null) {
            db = Igem.connect(ctx.resolve(uri), ctx.env());
        }
        return db;
    }

    DslContext context() {
        return ctx;
    }

    private IgemDb progress(Opts o) {
        return db().onProgress(quiet(o) ? null : ctx.out()::println);
    }

    private boolean quiet(Opts o) {
        return o.has("quiet") ? o.bool("quiet") : ctx.quiet();
    }

    private <T> T plan(String step, String what) {
        ctx.out().println("[plan] " + step + ": " + what);
        ctx.out().flush();
        return null;
    }

    <T> T step(String name, Supplier<T> body) {
        try {
            return body.get();
        } catch (StepFailure f) {
            throw f;
        } catch (IgemException e) {
            throw fail(name, e);
        }
    }

    StepFailure fail(String step, IgemException e) {
        return new StepFailure(ctx.scriptName(), StepFailure.currentLine(ctx.scriptName()), step, e.getMessage(), e.exitCode(), e);
    }

    private static PrintWriter nullWriter() {
        return new PrintWriter(java.io.Writer.nullWriter());
    }

    private static void writeAtomically(Path file, String text) {
        try {
            org.igem.core.LocalFiles.writeDurably(file.resolveSibling("." + file.getFileName() + ".part"), file,
                    text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IgemException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    /** Map options of one step; an unknown key is a usage error naming the valid ones. */
    record Opts(String step, Map<String, ?> map) {
        static Opts of(String step, Map<String, ?> map, String... allowed) {
            Set<String> ok = Set.of(allowed);
            for (String k : map.keySet()) {
                if (!ok.contains(k)) {
                    throw IgemException.usage(step + "(): unknown option '" + k + "'; valid: " + String.join(", ", allowed));
                }
            }
            return new Opts(step, map);
        }

        boolean has(String k) {
            return map.containsKey(k) && map.get(k) != null;
        }

        Object get(String k) {
            return map.get(k);
        }

        String str(String k) {
            Object v = map.get(k);
            return v == null ? null : v.toString();
        }

        boolean bool(String k) {
            Object v = map.get(k);
            return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
        }

        int integer(String k) {
            Object v = map.get(k);
            if (v instanceof Number n) {
                return n.intValue();
            }
            try {
                return Integer.parseInt(String.valueOf(v));
            } catch (NumberFormatException e) {
                throw IgemException.usage(step + "(): " + k + " must be a whole number, got '" + v + "'");
            }
        }

        List<String> list(String k) {
            Object v = map.get(k);
            if (v == null) {
                return List.of();
            }
            if (v instanceof Iterable<?> it) {
                List<String> out = new java.util.ArrayList<>();
                it.forEach(x -> out.add(String.valueOf(x)));
                return out;
            }
            return Arrays.stream(v.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }
}
