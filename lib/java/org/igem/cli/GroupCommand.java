package org.igem.cli;

import java.util.concurrent.Callable;

import org.igem.core.IgemException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every command group ({@code igem}, {@code igem db}, {@code igem nlp}, {@code igem dev}): run
 * without a subcommand, a group prints the one "missing command" line, named from picocli's model, and
 * exits with the usage code.
 */
abstract class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String path = spec.qualifiedName();                      // "igem", "igem db", …
        String group = path.contains(" ") ? path.substring(path.indexOf(' ') + 1) + " " : "";
        ((IgemCli) spec.root().userObject()).ctx.err()
                .println("error: missing " + group + "command (try '" + path + " --help')");
        return IgemException.USAGE;
    }
}
