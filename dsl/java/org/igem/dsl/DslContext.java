package org.igem.dsl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.igem.config.DbTarget;

/**
 * What an ops script runs against: how to resolve a database URI (the CLI's rules), the environment,
 * the working directory, the output streams, and whether this is a {@code --plan} run.
 */
public final class DslContext implements AutoCloseable {
    private final Function<String, DbTarget> resolver;
    private final Map<String, String> env;
    private final Path cwd;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean plan;
    private final boolean quiet;
    private final String scriptName;
    private final List<IgemSteps> opened = new ArrayList<>();

    /**
     * @param resolver   resolves a URI as the CLI does; {@code null} means the default database
     *                   (--db-uri, DATABASE_URL, IGEM_DB_URI, .igem.toml)
     * @param scriptName file name of the script, used to name the failing line
     */
    public DslContext(Function<String, DbTarget> resolver, Map<String, String> env, Path cwd, PrintWriter out, PrintWriter err,
                      boolean plan, boolean quiet, String scriptName) {
        this.resolver = resolver;
        this.env = env;
        this.cwd = cwd;
        this.out = out;
        this.err = err;
        this.plan = plan;
        this.quiet = quiet;
        this.scriptName = scriptName;
    }

    DbTarget resolve(String uri) {
        return resolver.apply(uri);
    }

    Map<String, String> env() {
        return env;
    }

    Path cwd() {
        return cwd;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    public boolean plan() {
        return plan;
    }

    boolean quiet() {
        return quiet;
    }

    String scriptName() {
        return scriptName;
    }

    IgemSteps steps(String uri) {
        IgemSteps s = new IgemSteps(this, uri);
        opened.add(s);
        return s;
    }

    @Override
    public void close() {
        opened.forEach(IgemSteps::close);
        opened.clear();
    }
}
