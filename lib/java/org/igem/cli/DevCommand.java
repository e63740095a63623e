package org.igem.cli;

import java.util.concurrent.Callable;

import org.igem.core.IgemException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code igem dev …}: development helpers. Never point these at a production database. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Development tools (synthetic data for specs and benchmarks). Not for production databases.",
        subcommands = {DevGenerateCommand.class})
public final class DevCommand implements Callable<Integer> {
    @ParentCommand
    IgemCli root;

    @Override
    public Integer call() {
        root.ctx.err().println("error: missing dev command (try 'igem dev --help')");
        return IgemException.USAGE;
    }
}
