package org.igem.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.igem.core.IgemException;
import org.igem.ops.OpsScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code igem run script.groovy [args…]}: runs an ops script with the IGEM DSL in scope. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a Groovy ops script with the IGEM steps in scope (status, upgrade, export, nlp, verify, ...).")
final class RunCommand extends LeafCommand {

    @Option(names = "--plan", description = "Steps that change a database or write files only report what they would do "
            + "(upgrade shows its SQL); read-only steps run for real.")
    boolean plan;

    @Option(names = "--quiet", description = "Steps do not print their reports.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "<script.groovy>", description = "The ops script.")
    Path script;

    @Parameters(index = "1..*", paramLabel = "<arg>", description = "Arguments, available to the script as args.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        CliContext ctx = ctx();
        Path file = ctx.cwd().resolve(script);
        if (!Files.isRegularFile(file)) {
            throw IgemException.usage("script not found: " + file);
        }
        OpsScript req = new OpsScript(file, List.copyOf(args), uri -> ctx.resolve(uri != null ? uri
                : root().common.dbUri), ctx.env(), ctx.cwd(), ctx.out(), ctx.err(),
                plan, quiet);
        DslLoader.runner(ctx).run(req);
        ctx.out().flush();
        return 0;
    }
}
