package org.igem.cli;

import org.igem.IgemDb;
import org.igem.ops.CommandOptions.Create;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create the database (PostgreSQL: CREATE DATABASE if missing), build the schema, seed the "
                + "reference data and stamp it at head.")
final class CreateCommand extends LeafCommand {
    @Option(names = Create.OVERWRITE, description = "Run the bootstrap on an existing database (idempotent).")
    boolean overwrite;

    @Option(names = Create.TARGET, paramLabel = "<rev>",
            description = "Build the schema only up to this revision, to rehearse an upgrade (default: head).")
    String targetRevision;

    @Override
    public Integer call() {
        try (IgemDb db = open()) {
            // The progress listener already printed everything, ending with "Stamp complete."
            db.create(overwrite, targetRevision);
            return 0;
        }
    }
}
