package org.igem.ops;

import static org.igem.ops.StepOption.Kind.FLAG;
import static org.igem.ops.StepOption.Kind.LIST;
import static org.igem.ops.StepOption.Kind.NUMBER;
import static org.igem.ops.StepOption.Kind.TEXT;
import static org.igem.ops.StepOption.Kind.WHOLE;
import static org.igem.ops.StepOption.QUIET;
import static org.igem.ops.StepOption.cliOnly;
import static org.igem.ops.StepOption.dslOnly;
import static org.igem.ops.StepOption.of;

import java.util.List;

import org.igem.download.DownloadOptions;
import org.igem.export.ExportOptions;
import org.igem.nlp.ResolveOptions;

/**
 * The options of every command an ops-script step stands for, declared once: the picocli commands take
 * their option names and defaults from these constants (annotation values must be compile-time
 * constants, hence strings rather than an enum), and the DSL's steps take their keys, aliases, defaults
 * and conversions from each command's {@code SPEC}. {@code CommandOptionsSpec} compares both with
 * picocli's model of the commands, so an option added on one side only fails it.
 */
public final class CommandOptions {
    private CommandOptions() {
    }

    /** {@code db status} / {@code status()}. */
    public static final class Status {
        public static final String JSON = "--json";
        public static final String CHECK = "--check";
        public static final StepSpec SPEC = new StepSpec("status", "db status", cliOnly(JSON, FLAG), cliOnly(CHECK, FLAG), QUIET);
    }

    /** {@code db create} / {@code create()}. */
    public static final class Create {
        public static final String OVERWRITE = "--overwrite";
        public static final String TARGET = "--target";
        public static final StepSpec SPEC = new StepSpec("create", "db create", of(OVERWRITE, FLAG), of(TARGET, TEXT), QUIET);
    }

    /** {@code db upgrade} / {@code upgrade()}. */
    public static final class Upgrade {
        public static final String TARGET = "--target";
        public static final StepSpec SPEC = new StepSpec("upgrade", "db upgrade", of(TARGET, TEXT), QUIET);
    }

    /** {@code db stamp-head} / {@code stampHead()}. */
    public static final class StampHead {
        public static final String FORCE = "--force";
        public static final StepSpec SPEC = new StepSpec("stampHead", "db stamp-head", of(FORCE, FLAG), QUIET);
    }

    /** {@code db migrate-dry-run} / {@code dryRun()}; the command prints the SQL, the step may also save it. */
    public static final class DryRun {
        public static final String TARGET = "--target";
        public static final StepSpec SPEC = new StepSpec("dryRun", "db migrate-dry-run", dslOnly("to", TEXT, null),
                of(TARGET, TEXT), QUIET);
    }

    /** {@code db info} / {@code info()}. */
    public static final class Info {
        public static final StepSpec SPEC = new StepSpec("info", "db info", QUIET);
    }

    /** {@code db query} / {@code query(…, sql)}; a script gives the SQL itself, so it has no {@code --file}. */
    public static final class Query {
        public static final String FILE = "--file";
        public static final String FORMAT = "--format";
        public static final String FORMAT_DEFAULT = "table";
        public static final String OUTPUT = "--output";
        public static final String MAX_ROWS = "--max-rows";
        public static final StepSpec SPEC = new StepSpec("query", "db query", cliOnly(FILE, TEXT),
                of(OUTPUT, TEXT).as("to", "output"), of(FORMAT, TEXT, FORMAT_DEFAULT), of(MAX_ROWS, WHOLE), QUIET);
    }

    /** {@code db export} / {@code export(to: …)}. */
    public static final class Export {
        public static final String OUTPUT = "--output";
        public static final String TABLES = "--tables";
        public static final String EXCLUDE = "--exclude";
        public static final String CHUNKSIZE = "--chunksize";
        public static final String CHUNKSIZE_DEFAULT = "" + ExportOptions.DEFAULT_CHUNKSIZE;
        public static final String COMPRESSION = "--compression";
        public static final String COMPRESSION_DEFAULT = "zstd";
        public static final String VERSION = "--version";
        public static final String OVERWRITE = "--overwrite";
        public static final StepSpec SPEC = new StepSpec("export", "db export", of(OUTPUT, TEXT).as("to", "output"),
                of(TABLES, LIST), of(EXCLUDE, LIST), of(CHUNKSIZE, WHOLE, CHUNKSIZE_DEFAULT),
                of(COMPRESSION, TEXT, COMPRESSION_DEFAULT), of(VERSION, TEXT), of(OVERWRITE, FLAG), QUIET);
    }

    /** {@code db snapshot-download} / {@code download(to: …)}. */
    public static final class Download {
        public static final String OUTPUT = "--output";
        public static final String URL = "--url";
        public static final String URL_DEFAULT = DownloadOptions.DEFAULT_URL;
        public static final String WORKERS = "--workers";
        public static final String WORKERS_DEFAULT = "" + DownloadOptions.DEFAULT_WORKERS;
        public static final String INCLUDE_NLP = "--include-nlp";
        public static final String OVERWRITE = "--overwrite";
        public static final String RETRIES = "--retries";
        public static final String RETRIES_DEFAULT = "" + (DownloadOptions.DEFAULT_ATTEMPTS - 1);
        /** Seconds (decimals allowed); the library's default is 30 s. */
        public static final String TIMEOUT = "--timeout";
        public static final String TIMEOUT_DEFAULT = "30";
        public static final StepSpec SPEC = new StepSpec("download", "db snapshot-download", of(URL, TEXT, URL_DEFAULT),
                of(OUTPUT, TEXT).as("to", "output"), of(WORKERS, WHOLE, WORKERS_DEFAULT), of(INCLUDE_NLP, FLAG),
                of(OVERWRITE, FLAG), of(RETRIES, WHOLE, RETRIES_DEFAULT), of(TIMEOUT, NUMBER, TIMEOUT_DEFAULT), QUIET);
    }

    /** {@code db verify} / {@code verify(snapshot)}; a script may go on after a failed check. */
    public static final class Verify {
        public static final StepSpec SPEC = new StepSpec("verify", "db verify", QUIET, dslOnly("failOnError", FLAG, "true"));
    }

    /** {@code db snapshot-nlp} / {@code nlp(snapshot)}. */
    public static final class SnapshotNlp {
        public static final String OVERWRITE = "--overwrite";
        public static final StepSpec SPEC = new StepSpec("nlp", "db snapshot-nlp", of(OVERWRITE, FLAG), QUIET);
    }

    /** The resolver's options, shared by {@code nlp search} and {@code nlp annotate}. */
    public static final class Resolve {
        public static final String MODE = "--mode";
        public static final String MODE_DEFAULT = "best_match";
        public static final String THRESHOLD = "--threshold";
        public static final String THRESHOLD_DEFAULT = "" + ResolveOptions.DEFAULT_THRESHOLD;
        public static final String TYPES = "--types";
        public static final String DOMAINS = "--domains";
    }

    /** {@code nlp annotate} / {@code annotate(input: …)}; {@code snapshot:} picks another snapshot's cache. */
    public static final class Annotate {
        public static final String INPUT = "<input>";
        public static final String FORMAT = "--format";
        public static final String TEXT_FIELD = "--text-field";
        public static final String TEXT_FIELD_DEFAULT = "text";
        public static final String ID_FIELD = "--id-field";
        public static final String OUTPUT = "--output";
        public static final String OUTPUT_FORMAT = "--output-format";
        public static final String THREADS = "--threads";
        public static final String ON_ERROR = "--on-error";
        public static final String ON_ERROR_DEFAULT = "fail";
        public static final String OVERWRITE = "--overwrite";
        public static final StepSpec SPEC = new StepSpec("annotate", "nlp annotate", of(INPUT, TEXT),
                dslOnly("snapshot", TEXT, null), of(FORMAT, TEXT), of(TEXT_FIELD, TEXT, TEXT_FIELD_DEFAULT), of(ID_FIELD, TEXT),
                of(OUTPUT, TEXT), of(OUTPUT_FORMAT, TEXT), of(Resolve.MODE, TEXT, Resolve.MODE_DEFAULT),
                of(Resolve.THRESHOLD, NUMBER, Resolve.THRESHOLD_DEFAULT), of(Resolve.TYPES, LIST), of(Resolve.DOMAINS, LIST),
                of(THREADS, WHOLE), of(ON_ERROR, TEXT, ON_ERROR_DEFAULT), of(OVERWRITE, FLAG), QUIET);
    }

    /** Every step with options, in the order of the README's list. */
    public static final List<StepSpec> ALL = List.of(Create.SPEC, Upgrade.SPEC, Status.SPEC, StampHead.SPEC, DryRun.SPEC,
            Info.SPEC, Export.SPEC, Download.SPEC, SnapshotNlp.SPEC, Verify.SPEC, Annotate.SPEC, Query.SPEC);
}
