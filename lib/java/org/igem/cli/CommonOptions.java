package org.igem.cli;

import picocli.CommandLine.Option;

/** Options every command takes: where the database is, and whether to show stack traces. */
public final class CommonOptions {
    @Option(names = "--db-uri", paramLabel = "<uri>",
            description = "Database: postgresql://user:pass@host:port/db, sqlite:/path.db, parquet:///dir or a path. "
                    + "Default: DATABASE_URL, IGEM_DB_URI, then .igem.toml.")
    String dbUri;

    @Option(names = "--debug", description = "Show stack traces and library logs on errors.")
    boolean debug;
}
