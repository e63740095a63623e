package org.igem.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.igem.config.DbTarget;
import org.igem.config.Secrets;
import org.igem.config.UriResolver;

/**
 * What a CLI run sees of the outside world: environment, working and home directories and the
 * two output streams. Tests pass their own; {@link #process()} is the real one.
 */
public final class CliContext {
    private final Map<String, String> env;
    private final Path cwd;
    private final Path home;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Set<String> secrets = new LinkedHashSet<>();

    public CliContext(Map<String, String> env, Path cwd, Path home, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.cwd = cwd;
        this.home = home;
        this.out = out;
        this.err = err;
    }

    public static CliContext process() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
                utf8(FileDescriptor.out), utf8(FileDescriptor.err));
    }

    private static PrintWriter utf8(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
    }

    public Map<String, String> env() {
        return env;
    }

    public Path cwd() {
        return cwd;
    }

    public Path home() {
        return home;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Resolves the database URI (option, DATABASE_URL, IGEM_DB_URI, .igem.toml) and remembers its password. */
    public DbTarget resolve(String cliUri) {
        DbTarget t = new UriResolver(env, cwd, home).resolve(cliUri).target();
        if (t.password() != null && !t.password().isEmpty()) {
            secrets.add(t.password());
        }
        return t;
    }

    /** Last line of defence: no known password leaves the process in an error message. */
    public String scrub(String text) {
        String s = text;
        for (String secret : secrets) {
            s = Secrets.scrub(s, secret);
        }
        return s;
    }
}
