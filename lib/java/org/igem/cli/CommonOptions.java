package org.igem.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes: where the database is, and whether to show stack traces. Declared once,
 * on {@code igem} itself, and inherited by every subcommand (picocli binds an inherited option to this
 * one field wherever it is given: {@code igem --db-uri X db status} and {@code igem db status --db-uri X}
 * set the same value, the later one winning).
 */
public final class CommonOptions {
    @Option(names = "--db-uri", paramLabel = "<uri>", scope = ScopeType.INHERIT,
            description = "Database: postgresql://user:pass@host:port/db, sqlite:/path.db, parquet:///dir or a path. "
                    + "Default: DATABASE_URL, IGEM_DB_URI, then .igem.toml.")
    String dbUri;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces and library logs on errors.")
    boolean debug;
}
