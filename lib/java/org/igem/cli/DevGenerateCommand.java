package org.igem.cli;

import org.igem.IgemDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "DEVELOPMENT ONLY: add synthetic entities and aliases (deterministic for a seed) to a database at head.")
final class DevGenerateCommand extends LeafCommand {

    @Option(names = "--entities", required = true, paramLabel = "<n>", description = "How many entities to add.")
    int entities;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "<n>", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        try (IgemDb db = open()) {
            var r = db.generateSynthetic(entities, seed);
            out().println("Generated " + r.entities() + " entities and " + r.aliases() + " aliases (seed " + r.seed() + ").");
            return 0;
        }
    }
}
