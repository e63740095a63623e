package org.igem.cli;

import picocli.CommandLine.Command;

/** {@code igem dev …}: development helpers. Never point these at a production database. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Development tools (synthetic data for specs and benchmarks). Not for production databases.")
public final class DevCommand extends GroupCommand {
}
