package org.igem.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.igem.Igem;
import org.igem.IgemDb;
import org.igem.config.DbTarget;
import picocli.CommandLine.ParentCommand;

/** What every {@code igem db} subcommand shares: the common options and opening the database. */
abstract class DbSubcommand implements Callable<Integer> {
    @ParentCommand
    DbCommand parent;

    boolean debug() {
        return parent.root.debug();
    }

    CliContext ctx() {
        return parent.root.ctx;
    }

    PrintWriter out() {
        return ctx().out();
    }

    DbTarget target() {
        return parent.root.target();
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
        return Igem.connect(target(), ctx().env()).withProgress(out()::println);
    }
}
