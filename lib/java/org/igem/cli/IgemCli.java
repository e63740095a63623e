package org.igem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.igem.IgemException;
import org.igem.Version;
import org.igem.config.DbTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code igem}: the command-line entry point. It parses and prints; the work is in {@link org.igem.IgemDb}. */
@Command(name = "igem", mixinStandardHelpOptions = true, versionProvider = IgemCli.VersionInfo.class,
        description = "IGEM database toolkit: create, migrate, inspect and export the IGEM database.",
        subcommands = {DbCommand.class, NlpCommand.class, RunCommand.class, DevCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (database unreachable, operation refused, ...)", "2:usage error",
                "3:db status --check: database not at head"})
public final class IgemCli implements Callable<Integer> {
    static final int NOT_AT_HEAD = 3;

    @Mixin
    CommonOptions common;

    final CliContext ctx;

    public IgemCli(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.err().println("error: missing command (try 'igem --help')");
        return IgemException.USAGE;
    }

    /** Picks the nearest --db-uri (subcommand over top level) and resolves it. */
    DbTarget target(CommonOptions leaf) {
        return ctx.resolve(leaf.dbUri != null ? leaf.dbUri : common.dbUri);
    }

    boolean debug(CommonOptions leaf) {
        return leaf.debug || common.debug;
    }

    public static void main(String[] args) {
        configureLogging(java.util.Arrays.asList(args).contains("--debug"));
        CliContext ctx = CliContext.process();
        int code = run(ctx, args);
        ctx.out().flush();
        ctx.err().flush();
        System.exit(code);
    }

    /** Library logs (Flyway, HikariCP) stay quiet unless --debug: the CLI prints its own one-line messages. */
    static void configureLogging(boolean debug) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    /** Runs one command line; returns the exit code. */
    public static int run(CliContext ctx, String... args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            configureLogging(false);
        }
        // picocli would otherwise initialise groovy.lang.Closure (Groovy is on the class path for
        // `igem run`): a third of a second of start-up for every command, for a feature we do not use.
        System.setProperty("picocli.disable.closures", "true");
        IgemCli root = new IgemCli(ctx);
        CommandLine cl = new CommandLine(root, new Factory(root));
        // Everything after the script path belongs to the script, options included.
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine c = ex.getCommandLine();
            // picocli quotes the arguments it could not match (an unknown command, --db-uri and its URI): mask them
            ctx.err().println("error: " + ctx.scrub(maskArguments(ex.getMessage(), argv)) + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            return IgemException.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            if (ex instanceof IgemException ie) {
                ctx.err().println("error: " + ctx.scrub(ie.getMessage()));
                if (debug) {
                    ctx.err().println(ctx.scrub(stackTrace(ie)));
                }
                return ie.exitCode();
            }
            ctx.err().println("error: unexpected " + ex.getClass().getSimpleName() + ": "
                    + ctx.scrub(maskArguments(ex.getMessage(), args))
                    + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                ctx.err().println(ctx.scrub(stackTrace(ex)));
            }
            return IgemException.FAILURE;
        });
        try {
            return cl.execute(args);
        } catch (Error e) {
            // e.g. a class missing from a broken installation: still one line unless --debug
            ctx.err().println("error: internal error " + e.getClass().getSimpleName() + ": "
                    + ctx.scrub(maskArguments(e.getMessage(), args))
                    + " (run with --debug for details)");
            if (java.util.Arrays.asList(args).contains("--debug")) {
                ctx.err().println(ctx.scrub(stackTrace(e)));
            }
            return IgemException.FAILURE;
        }
    }

    /** {@code text} with every argument that carries a password (a database URI) replaced by its masked form. */
    static String maskArguments(String text, String[] args) {
        String s = String.valueOf(text);
        for (String a : args) {
            String masked = a == null ? null : org.igem.config.Secrets.maskUri(a);
            if (masked != null && !masked.equals(a)) {
                s = s.replace(a, masked);
            }
        }
        return s;
    }

    static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** Gives every command the shared context. */
    static final class Factory implements CommandLine.IFactory {
        private final IgemCli root;

        Factory(IgemCli root) {
            this.root = root;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == IgemCli.class) {
                return cls.cast(root);
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"igem " + Version.VERSION + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
