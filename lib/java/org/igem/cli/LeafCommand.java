package org.igem.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.igem.Igem;
import org.igem.IgemDb;
import org.igem.config.DbTarget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every leaf command ({@code db status}, {@code nlp search}, {@code run}, …): the process's
 * context, the inherited --db-uri/--debug of {@link CommonOptions} and opening the database. A leaf
 * reaches {@code igem} through picocli's model ({@code spec.root()}), not through a chain of
 * {@code @ParentCommand} fields, so it works at any depth of the tree.
 */
abstract class LeafCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    IgemCli root() {
        return (IgemCli) spec.root().userObject();
    }

    boolean debug() {
        return root().debug();
    }

    CliContext ctx() {
        return root().ctx;
    }

    PrintWriter out() {
        return ctx().out();
    }

    PrintWriter err() {
        return ctx().err();
    }

    DbTarget target() {
        return root().target();
    }

    /** A positional snapshot directory or parquet:// URI, else the resolved --db-uri; it must be a snapshot. */
    java.nio.file.Path snapshotDir(String given, String command) {
        if (given != null && !given.regionMatches(true, 0, "parquet:", 0, 8)) {
            return ctx().cwd().resolve(given);
        }
        DbTarget t = given != null ? ctx().resolve(given) : target();
        if (!t.isSnapshot()) {
            throw org.igem.core.IgemException.usage("db " + command + " needs a snapshot directory: give <snapshot-dir> or "
                    + "--db-uri parquet:///dir (got " + t.describe() + ")");
        }
        return t.path();
    }

    /** Opens the resolved database with progress lines going to stdout. */
    IgemDb open() {
        return open(out());
    }

    /** Opens the resolved database with progress lines going to {@code progress}. */
    IgemDb open(PrintWriter progress) {
        return Igem.connect(target(), ctx().env()).withProgress(progress::println);
    }
}
