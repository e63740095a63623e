package org.igem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.igem.core.IgemException;
import org.igem.core.Version;
import org.igem.config.DbTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code igem}: the command-line entry point. It parses and prints; the work is in {@link org.igem.IgemDb}. */
@Command(name = "igem", mixinStandardHelpOptions = true, versionProvider = IgemCli.VersionInfo.class,
        description = "IGEM database toolkit: create, migrate, inspect and export the IGEM database.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (database unreachable, operation refused, ...)", "2:usage error",
                "3:db status --check: database not at head"})
public final class IgemCli implements Callable<Integer> {
    static final int NOT_AT_HEAD = 3;

    /** The top-level commands in help order; registered by {@link #commandLine}. */
    static final List<Class<?>> COMMANDS = List.of(DbCommand.class, NlpCommand.class, RunCommand.class, DevCommand.class,
            CompletionCommand.class);

    @Mixin
    CommonOptions common;

    final CliContext ctx;

    public IgemCli(CliContext ctx) {
        this.ctx = ctx;
    }

    /** For tools that instantiate the command class themselves (picocli.AutoComplete): the process's context. */
    public IgemCli() {
        this(CliContext.process());
    }

    @Override
    public Integer call() {
        ctx.err().println("error: missing command (try 'igem --help')");
        return IgemException.USAGE;
    }

    /** The database of this invocation: --db-uri (wherever it was given), else the environment and .igem.toml. */
    DbTarget target() {
        return ctx.resolve(common.dbUri);
    }

    /** Whether --debug was given to igem or a subcommand; never from a script's own arguments. */
    boolean debug() {
        return common.debug;
    }

    public static void main(String[] args) {
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
        CommandLine cl = commandLine(root, args);
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine c = ex.getCommandLine();
            // picocli quotes the arguments it could not match (an unknown command, --db-uri and its URI): mask them
            ctx.err().println("error: " + ctx.scrub(maskArguments(ex.getMessage(), argv)) + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            return IgemException.USAGE;
        });
        // logging is set from what picocli parsed, not from argv: `igem run s.groovy --debug` passes
        // --debug to the script and leaves igem's own output as it is
        cl.setExecutionStrategy(parsed -> {
            configureLogging(root.debug());
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            boolean debug = root.debug();
            if (ex instanceof IgemException ie) {
                // messages may quote a snapshot's manifest or a server: control characters escaped, whatever the source
                ctx.err().println("error: " + ctx.scrub(org.igem.core.TerminalText.clean(String.valueOf(ie.getMessage()))));
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
            if (root.debug()) {
                ctx.err().println(ctx.scrub(stackTrace(e)));
            }
            return IgemException.FAILURE;
        }
    }

    /**
     * The command line for {@code args}. picocli reflects over every command it is given (~0.15 s for the
     * whole tree on a cold JVM, a third of a {@code db status}), while one invocation runs one path: when
     * the arguments name a known command (and db subcommand), only that path is registered. Anything else
     * (no command, an unknown or misspelt one, {@code --help} of a group) gets the whole tree, so help
     * listings and unknown-command errors are unchanged. Finding the command uses picocli's own model
     * of the options (which ones take a value), not a second parser.
     */
    static CommandLine commandLine(IgemCli root, String... args) {
        CommandLine cl = new CommandLine(root, new Factory(root));
        int i = commandIndex(cl, args, 0);
        Class<?> top = i < 0 ? null : named(COMMANDS, args[i]);
        for (Class<?> c : top == null ? COMMANDS : List.of(top)) {
            cl.addSubcommand(c);
        }
        CommandLine db = cl.getSubcommands().get("db");
        if (db != null) {
            int j = top == null ? -1 : commandIndex(db, args, i + 1);
            Class<?> sub = j < 0 ? null : named(DbCommand.COMMANDS, args[j]);
            for (Class<?> c : sub == null ? DbCommand.COMMANDS : List.of(sub)) {
                db.addSubcommand(c);
            }
        }
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) {
            // Everything after the script path belongs to the script, options included.
            run.setStopAtPositional(true);
        }
        return cl;
    }

    /** Index of the first argument from {@code from} on that is not an option of {@code cl} or an option's value; -1 if none. */
    private static int commandIndex(CommandLine cl, String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a == null || a.equals("--")) {
                return -1;
            }
            if (!a.startsWith("-")) {
                return i;
            }
            int eq = a.indexOf('=');
            CommandLine.Model.OptionSpec o = cl.getCommandSpec().findOption(eq < 0 ? a : a.substring(0, eq));
            if (o == null) {
                return -1;   // an option picocli will reject: let it see the whole tree
            }
            if (eq < 0 && o.arity().min() > 0) {
                i++;
            }
        }
        return -1;
    }

    private static Class<?> named(List<Class<?>> commands, String name) {
        for (Class<?> c : commands) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd.name().equals(name) || List.of(cmd.aliases()).contains(name)) {
                return c;
            }
        }
        return null;
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
