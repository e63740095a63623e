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
import org.igem.migrate.CreateResult;
import org.igem.migrate.DryRun;
import org.igem.migrate.StampResult;
import org.igem.migrate.Status;
import org.igem.migrate.UpgradeResult;
import org.igem.nlp.DictionaryOptions;
import org.igem.nlp.Entry;
import org.igem.nlp.Hit;
import org.igem.nlp.NlpBuild;
import org.igem.nlp.NlpIndex;
import org.igem.snapshot.SnapshotNlp;
import org.igem.parquet.Compression;
import org.igem.download.DownloadOptions;
import org.igem.download.DownloadResult;
import org.igem.ops.CommandOptions;
import org.igem.ops.StepOption;
import org.igem.ops.StepSpec;
import org.igem.export.ExportOptions;
import org.igem.export.ExportResult;
import org.igem.snapshot.VerifyResult;

/**
 * The steps of an ops script against one database. Each step calls the core library, prints what
 * the matching CLI command prints (unless {@code quiet}), and returns the library's typed result.
 * Map options are the matching command's ({@link CommandOptions}: keys, aliases such as {@code to}/{@code output},
 * defaults and conversions). Under {@code igem run --plan}, steps that change a
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
        return this.<Status>step(CommandOptions.Status.SPEC, opts).report(Reports::status).run(o -> db().status());
    }

    public CreateResult create() {
        return create(Map.of());
    }

    public CreateResult create(Map<String, ?> opts) {
        return this.<CreateResult>step(CommandOptions.Create.SPEC, opts)
                .plan(o -> "would create " + db().target().describe() + (o.bool("overwrite") ? " (--overwrite)" : "")
                        + ", apply migrations up to " + (o.str("target") == null ? "head" : o.str("target")) + " and seed it")
                .run(o -> progress(o).create(o.bool("overwrite"), o.str("target")));
    }

    public UpgradeResult upgrade() {
        return upgrade(Map.of());
    }

    public UpgradeResult upgrade(Map<String, ?> opts) {
        return this.<UpgradeResult>step(CommandOptions.Upgrade.SPEC, opts)
                .planWith(o -> {
                    DryRun dry = db().dryRun(o.str("target"));
                    return new Plan("would apply " + dry.scripts().size() + " migration(s) and re-apply the seeds; the SQL:",
                            out -> Reports.dryRun(dry, out));
                })
                .report(Reports::upgrade)
                .run(o -> progress(o).upgrade(o.str("target")));
    }

    public StampResult stampHead() {
        return stampHead(Map.of());
    }

    public StampResult stampHead(Map<String, ?> opts) {
        return this.<StampResult>step(CommandOptions.StampHead.SPEC, opts)
                .plan(o -> "would record the head revision (now: " + db().status().state() + ")"
                        + (o.bool("force") ? " with --force" : ""))
                .report(Reports::stamp)
                .run(o -> db().stampHead(o.bool("force")));
    }

    /** The pending SQL; {@code to: 'file.sql'} also saves it (written atomically). Read-only, so it runs under --plan too. */
    public DryRun dryRun() {
        return dryRun(Map.of());
    }

    public DryRun dryRun(Map<String, ?> opts) {
        return this.<DryRun>step(CommandOptions.DryRun.SPEC, opts).report(Reports::dryRun).run(o -> {
            DryRun dry = db().dryRun(o.str("target"));
            if (o.str("to") != null) {
                StringWriter sw = new StringWriter();
                Reports.dryRun(dry, new PrintWriter(sw));
                writeAtomically(ctx.cwd().resolve(o.str("to")), sw.toString());
            }
            return dry;
        });
    }

    public Info info() {
        return info(Map.of());
    }

    public Info info(Map<String, ?> opts) {
        return this.<Info>step(CommandOptions.Info.SPEC, opts).report(Reports::info).check(i -> {
            if (!i.connected()) {
                throw new IgemException(i.error());
            }
        }).run(o -> db().info());
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
        // without to: the rows themselves, read-only, so it runs under --plan too and prints nothing
        Step<Object> step = step(CommandOptions.Query.SPEC, opts);
        if (!step.opts.has("to")) {
            return step.run(o -> db().query(sql, o.has("maxRows") ? o.integer("maxRows") : 1000));
        }
        Path file = ctx.cwd().resolve(step.opts.str("to"));
        return step
                .plan(o -> "would write the result of the query as " + format(o).label() + " to " + file)
                .report((r, out) -> {
                    var q = (org.igem.query.QueryResult) r;
                    out.println(q.rows() + (q.rows() == 1 ? " row" : " rows") + " written to " + file);
                })
                .run(o -> {
                    org.igem.query.ResultFormat fmt = format(o);
                    return db().queryTo(sql, file, fmt);
                });
    }

    /** query's format: the given one, else (unlike db query's table) from the file's extension (csv, json, parquet, else table). */
    private static org.igem.query.ResultFormat format(Opts o) {
        String to = o.str("to");
        return org.igem.query.ResultFormat.parse(o.has("format") ? o.str("format")
                : to.endsWith(".csv") ? "csv" : to.endsWith(".json") ? "json" : to.endsWith(".parquet") ? "parquet" : "table");
    }

    // ------------------------------------------------------------------ snapshots

    public ExportResult export(Map<String, ?> opts) {
        return this.<ExportResult>step(CommandOptions.Export.SPEC, opts)
                .require(o -> o.has("to"), "export needs to: '<output dir>'")
                .plan(o -> {
                    Path output = exportOptions(o).output();    // bad options fail before the database is opened
                    return "would export " + db().tables().size() + " table(s) of " + db().target().display() + " to " + output;
                })
                .report(Reports::export)
                .run(o -> {
                    ExportOptions eo = exportOptions(o);
                    return db().export(eo);
                });
    }

    private ExportOptions exportOptions(Opts o) {
        return ExportOptions.to(ctx.cwd().resolve(o.str("to"))).withTables(o.list("tables")).withExclude(o.list("exclude"))
                .withChunksize(o.integer("chunksize")).withCompression(Compression.parse(o.str("compression")))
                .withVersion(o.str("version")).withOverwrite(o.bool("overwrite"));
    }

    public DownloadResult download(Map<String, ?> opts) {
        return this.<DownloadResult>step(CommandOptions.Download.SPEC, opts)
                .require(o -> o.has("to"), "download needs to: '<output dir>'")
                .plan(o -> {
                    DownloadOptions d = downloadOptions(o);
                    return "would fetch " + org.igem.download.UrlText.redact(d.url()) + "manifest.json and its files into " + d.output();
                })
                .check(r -> {
                    if (!r.ok()) {
                        throw new IgemException(Reports.downloadFailure(r));
                    }
                })
                .run(o -> {
                    // the printer reports as files arrive, so this step prints its own summary
                    DownloadOptions d = downloadOptions(o);
                    Reports.DownloadPrinter printer = new Reports.DownloadPrinter(quiet(o) ? nullWriter() : ctx.out(), ctx.err());
                    DownloadResult r = Igem.download(d, printer);
                    if (!quiet(o)) {
                        printer.summary(r);
                    }
                    return r;
                });
    }

    private DownloadOptions downloadOptions(Opts o) {
        return DownloadOptions.of(o.str("url"), ctx.cwd().resolve(o.str("to"))).withWorkers(o.integer("workers"))
                .withIncludeNlp(o.bool("includeNlp")).withOverwrite(o.bool("overwrite")).withRetries(o.integer("retries"))
                .withIdleTimeout(java.time.Duration.ofMillis(Math.round(o.number("timeout") * 1000)));
    }

    /** Re-hashes a snapshot; a problem fails the step unless {@code failOnError: false}. */
    public VerifyResult verify(Object snapshot) {
        return verify(Map.of(), snapshot);
    }

    public VerifyResult verify(Map<String, ?> opts, Object snapshot) {
        Step<VerifyResult> step = step(CommandOptions.Verify.SPEC, opts);
        boolean failOnError = step.opts.bool("failOnError");
        return step.report(Reports::verify).check(r -> {
            if (!r.ok() && failOnError) {
                throw new IgemException(Reports.verifyFailure(r));
            }
        }).run(o -> Igem.verify(snapshotDir(snapshot)));
    }

    // ------------------------------------------------------------------ NLP

    /** Builds the snapshot's NLP cache ({@code db snapshot-nlp}); {@code overwrite: true} rebuilds an existing one. */
    public NlpBuild nlp(Object snapshot) {
        return nlp(Map.of(), snapshot);
    }

    public NlpBuild nlp(Map<String, ?> opts, Object snapshot) {
        return this.<NlpBuild>step(CommandOptions.SnapshotNlp.SPEC, opts)
                .plan(o -> "would build the NLP cache in " + SnapshotNlp.cacheDir(snapshotDir(snapshot)))
                .report(Reports::nlpBuild)
                .run(o -> {
                    Path dir = snapshotDir(snapshot);
                    NlpBuild b = SnapshotNlp.build(dir, o.bool("overwrite"), DictionaryOptions.defaults(), line -> { });
                    indexes.remove(dir);
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
        Step<org.igem.nlp.Annotator.Result> step = step(CommandOptions.Annotate.SPEC, opts);
        Path out = step.opts.has("output") ? ctx.cwd().resolve(step.opts.str("output")) : null;
        return step
                .require(o -> o.has("input"), "annotate needs input: '<corpus file>'")
                .plan(o -> {
                    var request = annotateRequest(o);
                    return "would annotate " + request.input() + " into " + (out == null ? "stdout" : out);
                })
                .report((r, w) -> {
                    w.printf(java.util.Locale.ROOT, "Annotated %d records: %d matches%s in %.2f s%s%n", r.records(), r.matches(),
                            r.badRecords() > 0 ? ", " + r.badRecords() + " bad records skipped" : "", r.seconds(),
                            out == null ? "" : " -> " + out);
                    w.flush();
                })
                .run(o -> {
                    var request = annotateRequest(o);
                    NlpIndex ix = o.has("snapshot") ? index(o.get("snapshot")) : ownIndex();
                    return org.igem.nlp.Annotations.run(ix, request, System.in, new java.io.OutputStream() {
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
                });
    }

    private org.igem.nlp.AnnotateRequest annotateRequest(Opts o) {
        var resolve = new org.igem.nlp.ResolveOptions(org.igem.nlp.ResolveOptions.Mode.parse(o.str("mode")),
                o.number("threshold"), Set.copyOf(o.list("types")), Set.copyOf(o.list("domains")));
        Path in = ctx.cwd().resolve(o.str("input"));
        Path out = o.has("output") ? ctx.cwd().resolve(o.str("output")) : null;
        return new org.igem.nlp.AnnotateRequest(in, o.has("format") ? org.igem.nlp.Corpus.Format.parse(o.str("format")) : null,
                o.str("textField"), o.str("idField"), out,
                o.has("outputFormat") ? org.igem.nlp.AnnotateRequest.OutputFormat.parse(o.str("outputFormat")) : null,
                resolve, o.has("threads") ? o.integer("threads") : 0,
                org.igem.nlp.Annotator.OnError.parse(o.str("onError")), o.bool("overwrite"));
    }

    private NlpIndex index(Object snapshot) {
        Path dir = snapshotDir(snapshot);
        return indexes.computeIfAbsent(dir, d -> SnapshotNlp.open(d, w -> ctx.err().println("warning: " + w)));
    }

    private NlpIndex ownIndex() {
        if (ownIndex == null) {
            ownIndex = db().withProgress(ctx.err()::println).nlp();
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
        return db().withProgress(quiet(o) ? null : ctx.out()::println);
    }

    private boolean quiet(Opts o) {
        return o.has("quiet") ? o.bool("quiet") : ctx.quiet();
    }

    /** The one step template, started with the step's options as its command declares them (the options are checked here). */
    <T> Step<T> step(StepSpec spec, Map<String, ?> opts) {
        return new Step<>(spec.step(), Opts.of(spec, opts));
    }

    /** What a step would do under --plan: one line, then optional detail (upgrade's SQL). */
    record Plan(String what, java.util.function.Consumer<PrintWriter> detail) {
    }

    /**
     * One step, run as every step runs: required options → under --plan, the "[plan]" line and null
     * (steps without a plan are read-only and run for real) → the work → its report unless quiet → the
     * checks that fail the step after its report (verify, info, download).
     */
    final class Step<T> {
        final String name;
        final Opts opts;
        private final List<java.util.function.Predicate<Opts>> required = new java.util.ArrayList<>();
        private final List<String> requiredMessages = new java.util.ArrayList<>();
        private java.util.function.Function<Opts, Plan> plan;
        private java.util.function.BiConsumer<T, PrintWriter> report;
        private java.util.function.Consumer<T> check;

        private Step(String name, Opts opts) {
            this.name = name;
            this.opts = opts;
        }

        /** A usage error ({@code message}) unless {@code ok}. */
        Step<T> require(java.util.function.Predicate<Opts> ok, String message) {
            required.add(ok);
            requiredMessages.add(message);
            return this;
        }

        Step<T> plan(java.util.function.Function<Opts, String> what) {
            return planWith(o -> new Plan(what.apply(o), null));
        }

        Step<T> planWith(java.util.function.Function<Opts, Plan> p) {
            plan = p;
            return this;
        }

        Step<T> report(java.util.function.BiConsumer<T, PrintWriter> r) {
            report = r;
            return this;
        }

        Step<T> check(java.util.function.Consumer<T> c) {
            check = c;
            return this;
        }

        T run(java.util.function.Function<Opts, T> work) {
            return IgemSteps.this.step(name, () -> {
                for (int i = 0; i < required.size(); i++) {
                    if (!required.get(i).test(opts)) {
                        throw IgemException.usage(requiredMessages.get(i));
                    }
                }
                if (plan != null && ctx.plan()) {
                    Plan p = plan.apply(opts);
                    ctx.out().println("[plan] " + name + ": " + p.what());
                    if (p.detail() != null) {
                        p.detail().accept(ctx.out());
                    }
                    ctx.out().flush();
                    return null;
                }
                T result = work.apply(opts);
                if (report != null && !quiet(opts)) {
                    report.accept(result, ctx.out());
                    ctx.out().flush();
                }
                if (check != null) {
                    check.accept(result);
                }
                return result;
            });
        }
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

    /**
     * Map options of one step, read as its {@link StepSpec} says: an unknown key is a usage error naming the
     * valid ones; an absent option reads as the spec's default; a key the spec lacks is a bug in the step.
     */
    record Opts(StepSpec spec, Map<String, ?> map) {
        static Opts of(StepSpec spec, Map<String, ?> map) {
            List<String> keys = spec.keys();
            for (String k : map.keySet()) {
                if (!keys.contains(k)) {
                    throw IgemException.usage(spec.step() + "(): unknown option '" + k + "'; valid: " + String.join(", ", keys));
                }
            }
            return new Opts(spec, map);
        }

        private StepOption option(String k, StepOption.Kind kind) {
            StepOption o = spec.dslOption(k);
            if (o == null || (kind != null && o.kind() != kind)) {
                throw new IllegalStateException(spec.step() + "() reads " + k + " as " + kind + "; its spec says " + o);
            }
            return o;
        }

        /** The key the script used for {@code k}'s option (the first given of its aliases), or null. */
        private String given(String k, StepOption.Kind kind) {
            for (String key : option(k, kind).keys()) {
                if (map.get(key) != null) {
                    return key;
                }
            }
            return null;
        }

        /** The given value, else the default's text; null if neither. */
        private Object value(String k, StepOption.Kind kind) {
            String key = given(k, kind);
            return key != null ? map.get(key) : option(k, kind).defaultValue();
        }

        /** A number has no "absent" value: a step reads one without a default only after {@link #has}. */
        private Object numeric(String k, StepOption.Kind kind) {
            Object v = value(k, kind);
            if (v == null) {
                throw new IllegalStateException(spec.step() + "() reads " + k + ", which has no default, without has()");
            }
            return v;
        }

        boolean has(String k) {
            return given(k, null) != null;
        }

        Object get(String k) {
            return value(k, null);
        }

        String str(String k) {
            Object v = value(k, StepOption.Kind.TEXT);
            return v == null ? null : v.toString();
        }

        boolean bool(String k) {
            Object v = value(k, StepOption.Kind.FLAG);
            return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
        }

        int integer(String k) {
            Object v = numeric(k, StepOption.Kind.WHOLE);
            if (v instanceof Number n) {
                return n.intValue();
            }
            try {
                return Integer.parseInt(String.valueOf(v));
            } catch (NumberFormatException e) {
                throw IgemException.usage(spec.step() + "(): " + keyOf(k) + " must be a whole number, got '" + v + "'");
            }
        }

        double number(String k) {
            Object v = numeric(k, StepOption.Kind.NUMBER);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(String.valueOf(v));
            } catch (NumberFormatException e) {
                throw IgemException.usage(spec.step() + "(): " + keyOf(k) + " must be a number, got '" + v + "'");
            }
        }

        List<String> list(String k) {
            Object v = value(k, StepOption.Kind.LIST);
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

        /** What a message calls the option: the key the script used. */
        private String keyOf(String k) {
            String key = given(k, null);
            return key != null ? key : k;
        }
    }
}
