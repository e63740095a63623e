package org.igem.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.igem.core.IgemException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code igem db …}: the database command group. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Create, migrate, inspect and export IGEM databases.")
public final class DbCommand implements Callable<Integer> {
    /** The db subcommands in help order; registered by {@link IgemCli#commandLine} (only the one used, when known). */
    static final List<Class<?>> COMMANDS = List.of(CreateCommand.class, UpgradeCommand.class, StatusCommand.class,
            StampHeadCommand.class, MigrateDryRunCommand.class, InfoCommand.class, ExportCommand.class,
            SnapshotDownloadCommand.class, SnapshotNlpCommand.class, VerifyCommand.class, QueryCommand.class);

    @ParentCommand
    IgemCli root;

    @Override
    public Integer call() {
        root.ctx.err().println("error: missing db command (try 'igem db --help')");
        return IgemException.USAGE;
    }
}
