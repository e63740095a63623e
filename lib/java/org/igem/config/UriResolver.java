package org.igem.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.igem.core.IgemException;

/**
 * Finds the database URI, first hit wins: {@code --db-uri}, {@code DATABASE_URL},
 * {@code IGEM_DB_URI}, then {@code [database] uri} of .igem.toml (nearest file walking up
 * from the working directory, merged over ~/.igem.toml).
 */
public final class UriResolver {
    private final Map<String, String> env;
    private final Path cwd;
    private final Path home;

    public UriResolver(Map<String, String> env, Path cwd, Path home) {
        this.env = env;
        this.cwd = cwd;
        this.home = home;
    }

    public static UriResolver fromProcess() {
        return new UriResolver(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
    }

    /** Where a URI came from, for messages and {@code db info}. */
    public record Resolved(DbTarget target, String source) {
    }

    public Resolved resolve(String cliUri) {
        if (cliUri != null && !cliUri.isBlank()) {
            return new Resolved(DbUris.parse(cliUri, cwd), "--db-uri");
        }
        for (String var : new String[] {"DATABASE_URL", "IGEM_DB_URI"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return new Resolved(DbUris.parse(v, cwd), var);
            }
        }
        Optional<TomlConfig.Setting> fromToml = TomlConfig.load(cwd, home).get("database", "uri");
        if (fromToml.isPresent()) {
            TomlConfig.Setting s = fromToml.get();
            if (!s.text()) {
                throw IgemException.usage(s.file() + ": [database] uri must be a string, e.g. uri = \"sqlite:igem.db\"");
            }
            return new Resolved(DbUris.parse(s.value(), s.file().getParent()), s.file().toString());
        }
        throw IgemException.usage(missingMessage());
    }

    public static String missingMessage() {
        return "no database URI given. Set one of: "
                + "(1) --db-uri postgresql://user:pass@host:5432/igem (or --db-uri sqlite:igem.db); "
                + "(2) DATABASE_URL=postgresql://…; "
                + "(3) IGEM_DB_URI=sqlite:/path/igem.db; "
                + "(4) .igem.toml with [database] uri = \"sqlite:igem.db\" in this or a parent directory, or in ~/.igem.toml";
    }
}
