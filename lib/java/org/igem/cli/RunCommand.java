package org.igem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.igem.IgemException;
import org.igem.dsl.DslContext;
import org.igem.dsl.IgemScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code igem run script.groovy [args…]}: runs an ops script with the IGEM DSL in scope. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a Groovy ops script with the IGEM steps in scope (status, upgrade, export, nlp, verify, ...).")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    IgemCli root;

    @Mixin
    CommonOptions common;

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
        CliContext ctx = root.ctx;
        Path file = ctx.cwd().resolve(script);
        if (!Files.isRegularFile(file)) {
            throw IgemException.usage("script not found: " + file);
        }
        String name = file.getFileName().toString();
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(IgemScript.class.getName());
        cc.addCompilationCustomizers(new ImportCustomizer().addStarImports("org.igem", "org.igem.dsl", "org.igem.migrate",
                "org.igem.snapshot", "org.igem.nlp"));
        try (DslContext dsl = new DslContext(uri -> ctx.resolve(uri != null ? uri : common.dbUri != null ? common.dbUri
                : root.common.dbUri), ctx.env(), ctx.cwd(), ctx.out(), ctx.err(), plan, quiet, name)) {
            Binding binding = new Binding();
            binding.setVariable(IgemScript.CONTEXT, dsl);
            binding.setVariable("args", args.toArray(new String[0]));
            // Script.println writes to the binding's "out": the same stream as the steps' reports
            binding.setVariable("out", ctx.out());
            GroovyShell shell = new GroovyShell(RunCommand.class.getClassLoader(), binding, cc);
            Script s;
            try {
                s = shell.parse(Files.readString(file), name);
            } catch (CompilationFailedException e) {
                // Groovy's report starts with "startup failed:"; the line after it says what and where
                throw IgemException.usage(name + ": does not compile: "
                        + firstLine(String.valueOf(e.getMessage()).replaceFirst("^\\s*startup failed:\\s*", "")));
            } catch (IOException e) {
                throw new IgemException("cannot read " + file + ": " + e.getMessage(), e);
            }
            try {
                s.run();
            } catch (IgemException e) {
                throw e;
            } catch (AssertionError e) {
                throw new IgemException(where(name, e) + "assertion failed: " + firstLine(e.getMessage()), e);
            } catch (RuntimeException e) {
                throw new IgemException(where(name, e) + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
            }
            ctx.out().flush();
            return 0;
        }
    }

    /** "script.groovy:12: " from the deepest frame of the script, if any. */
    private static String where(String script, Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (script.equals(e.getFileName()) && e.getLineNumber() > 0) {
                return script + ":" + e.getLineNumber() + ": ";
            }
        }
        return script + ": ";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
