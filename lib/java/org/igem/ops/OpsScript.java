package org.igem.ops;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.igem.config.DbTarget;

/**
 * One {@code igem run} invocation: the script, its arguments and what it runs against.
 *
 * <p>The Groovy DSL ({@code dsl/}) implements {@link Runner}; the core only knows this interface, so the
 * JBang launcher can leave Groovy out of its dependency set and fetch it on the first {@code igem run}.
 *
 * @param resolver resolves a database URI as the CLI does; {@code null} means the default database
 */
public record OpsScript(Path file, List<String> args, Function<String, DbTarget> resolver, Map<String, String> env,
                        Path cwd, PrintWriter out, PrintWriter err, boolean plan, boolean quiet) {

    /** Runs a script; a failing step or script surfaces as an {@link IgemException}. */
    public interface Runner {
        void run(OpsScript script);
    }
}
