package org.igem.cli;

import java.util.concurrent.Callable;

import org.igem.IgemException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code igem db …}: the database command group. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Create, migrate, inspect and export IGEM databases.",
        subcommands = {CreateCommand.class, UpgradeCommand.class, StatusCommand.class, StampHeadCommand.class,
                MigrateDryRunCommand.class, InfoCommand.class, ExportCommand.class, SnapshotDownloadCommand.class,
                SnapshotNlpCommand.class, VerifyCommand.class})
public final class DbCommand implements Callable<Integer> {
    @ParentCommand
    IgemCli root;

    @Override
    public Integer call() {
        root.ctx.err().println("error: missing db command (try 'igem db --help')");
        return IgemException.USAGE;
    }
}
