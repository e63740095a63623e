package org.igem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.igem.core.IgemException;
import org.igem.core.Version;
import org.igem.config.DbTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code igem}: the command-line entry point. It parses and prints; the work is in {@link org.igem.IgemDb}.
 *
 * <p><b>Registering commands.</b> Every command is listed once, in {@link #TREE} (group → its subcommands,
 * in help order); no {@code @Command(subcommands = …)} anywhere. Groups extend {@link GroupCommand} (the one
 * "missing command" line), leaves extend {@link LeafCommand}; --db-uri and --debug are declared once, in
 * {@link CommonOptions}, and inherited. {@link #commandLine} registers lazily: picocli reflects over every
 * command it is given, so a run registers only the path its arguments name and the whole tree only when
 * they name none (help listings, unknown commands, completion). Failures map to stderr and an exit code in
 * one place, {@link #failure}.
 */
@Command(name = "igem", mixinStandardHelpOptions = true, versionProvider = IgemCli.VersionInfo.class,
        description = "IGEM database toolkit: create, migrate, inspect and export the IGEM database.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (database unreachable, operation refused, ...)", "2:usage error",
                "3:db status --check: database not at head"})
public final class IgemCli extends GroupCommand {
    static final int NOT_AT_HEAD = 3;

    /** Every command group and its subcommands, in help order: the one place a command is registered. */
    static final Map<Class<?>, List<Class<?>>> TREE = Map.of(
            IgemCli.class, List.of(DbCommand.class, NlpCommand.class, RunCommand.class, DevCommand.class,
                    CompletionCommand.class),
            DbCommand.class, List.of(CreateCommand.class, UpgradeCommand.class, StatusCommand.class,
                    StampHeadCommand.class, MigrateDryRunCommand.class, InfoCommand.class, ExportCommand.class,
                    SnapshotDownloadCommand.class, SnapshotNlpCommand.class, VerifyCommand.class, QueryCommand.class),
            NlpCommand.class, List.of(NlpCommand.Search.class, NlpCommand.Lookup.class, AnnotateCommand.class),
            DevCommand.class, List.of(DevGenerateCommand.class));

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
        cl.setParameterExceptionHandler((ex, argv) -> failure(ctx, ex, argv, false));
        // logging is set from what picocli parsed, not from argv: `igem run s.groovy --debug` passes
        // --debug to the script and leaves igem's own output as it is
        cl.setExecutionStrategy(parsed -> {
            configureLogging(root.debug());
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> failure(ctx, ex, args, root.debug()));
        try {
            return cl.execute(args);
        } catch (Error e) {
            return failure(ctx, e, args, root.debug());
        }
    }

    /**
     * The one exit-code mapper: prints the one line for a failure (its stack trace too under --debug) and
     * returns the exit code. A usage error from picocli exits 2, an {@link IgemException} with its
     * {@link IgemException.Kind}'s code, anything else 1.
     */
    static int failure(CliContext ctx, Throwable ex, String[] args, boolean debug) {
        if (ex instanceof CommandLine.ParameterException pe) {
            // picocli quotes the arguments it could not match (an unknown command, --db-uri and its URI): mask them
            ctx.err().println("error: " + ctx.scrub(maskArguments(pe.getMessage(), args)) + " (see '"
                    + pe.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return IgemException.USAGE;
        }
        int code;
        if (ex instanceof IgemException ie) {
            // messages may quote a snapshot's manifest or a server: control characters escaped, whatever the source
            ctx.err().println("error: " + ctx.scrub(org.igem.core.TerminalText.clean(String.valueOf(ie.getMessage()))));
            code = ie.exitCode();
        } else if (ex instanceof Error) {
            // e.g. a class missing from a broken installation: still one line unless --debug
            ctx.err().println("error: internal error " + ex.getClass().getSimpleName() + ": "
                    + ctx.scrub(maskArguments(ex.getMessage(), args)) + " (run with --debug for details)");
            code = IgemException.FAILURE;
        } else {
            ctx.err().println("error: unexpected " + ex.getClass().getSimpleName() + ": "
                    + ctx.scrub(maskArguments(ex.getMessage(), args)) + (debug ? "" : " (run with --debug for details)"));
            code = IgemException.FAILURE;
        }
        if (debug) {
            ctx.err().println(ctx.scrub(stackTrace(ex)));
        }
        return code;
    }

    /**
     * The command line for {@code args}, registered from {@link #TREE}. picocli reflects over every command it is given (~0.15 s for the
     * whole tree on a cold JVM, a third of a {@code db status}), while one invocation runs one path: at
     * each level where the arguments name a known subcommand, only that one is registered. Anything else
     * (no command, an unknown or misspelt one, {@code --help} of a group) gets the whole tree, so help
     * listings and unknown-command errors are unchanged. Finding the command uses picocli's own model
     * of the options (which ones take a value), not a second parser.
     */
    static CommandLine commandLine(IgemCli root, String... args) {
        CommandLine cl = new CommandLine(root, new Factory(root));
        register(cl, IgemCli.class, args, 0);
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) {
            // Everything after the script path belongs to the script, options included.
            run.setStopAtPositional(true);
        }
        return cl;
    }

    /**
     * Adds the subcommands of {@code group} (of class {@code type}): only the one {@code args} names from
     * {@code from} on, when it names one; else all of them and everything below ({@code from < 0}).
     */
    private static void register(CommandLine group, Class<?> type, String[] args, int from) {
        List<Class<?>> subs = TREE.get(type);
        if (subs == null) {
            return;
        }
        int i = from < 0 ? -1 : commandIndex(group, args, from);
        Class<?> named = i < 0 ? null : named(subs, args[i]);
        for (Class<?> c : named == null ? subs : List.of(named)) {
            group.addSubcommand(c);
            register(group.getSubcommands().get(c.getAnnotation(Command.class).name()), c, args, named == null ? -1 : i + 1);
        }
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
