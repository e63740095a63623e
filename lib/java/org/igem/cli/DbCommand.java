package org.igem.cli;

import picocli.CommandLine.Command;

/** {@code igem db …}: the database command group (its subcommands are registered by {@link IgemCli#commandLine}). */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Create, migrate, inspect and export IGEM databases.")
public final class DbCommand extends GroupCommand {
}
