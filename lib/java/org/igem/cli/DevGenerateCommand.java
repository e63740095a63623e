package org.igem.cli;

import java.util.concurrent.Callable;

import org.igem.Igem;
import org.igem.IgemDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "DEVELOPMENT ONLY: add synthetic entities and aliases (deterministic for a seed) to a database at head.")
final class DevGenerateCommand implements Callable<Integer> {
    @ParentCommand
    DevCommand parent;

    @Option(names = "--entities", required = true, paramLabel = "<n>", description = "How many entities to add.")
    int entities;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "<n>", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        CliContext ctx = parent.root.ctx;
        try (IgemDb db = Igem.connect(parent.root.target(), ctx.env()).withProgress(ctx.out()::println)) {
            var r = db.generateSynthetic(entities, seed);
            ctx.out().println("Generated " + r.entities() + " entities and " + r.aliases() + " aliases (seed " + r.seed() + ").");
            return 0;
        }
    }
}
