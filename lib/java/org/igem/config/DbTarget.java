package org.igem.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A parsed database location: what {@code --db-uri} (or the environment, or .igem.toml) names.
 * The password is kept here only to connect; {@link #display()} is what gets printed.
 */
public record DbTarget(
        Kind kind,
        String uri,
        String host,
        int port,
        String database,
        String user,
        String password,
        Map<String, String> params,
        Path path) {

    public enum Kind {
        POSTGRESQL("postgresql"), SQLITE("sqlite"), SNAPSHOT("snapshot");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean isSnapshot() {
        return kind == Kind.SNAPSHOT;
    }

    public boolean isPostgres() {
        return kind == Kind.POSTGRESQL;
    }

    public boolean isSqlite() {
        return kind == Kind.SQLITE;
    }

    /** The URI as the user wrote it, password masked. */
    public String display() {
        return Secrets.maskUri(uri);
    }

    /** JDBC URL without credentials (they travel as connection properties, never in the URL). */
    public String jdbcUrl() {
        return switch (kind) {
            case POSTGRESQL -> "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database;
            case SQLITE -> "jdbc:sqlite:" + path;
            case SNAPSHOT -> throw new IllegalStateException("a snapshot has no JDBC URL");
        };
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Same server and credentials, another database (used for the admin connection of db create). */
    public DbTarget withDatabase(String otherDatabase) {
        String otherUri = uri.replaceFirst("/" + java.util.regex.Pattern.quote(database) + "(?=$|\\?)", "/" + otherDatabase);
        return new DbTarget(kind, otherUri, host, port, otherDatabase, user, password, params, path);
    }

    /** Human description for messages: "PostgreSQL database igem at host:port" / "SQLite file ...". */
    public String describe() {
        return switch (kind) {
            case POSTGRESQL -> "PostgreSQL database '" + database + "' at " + host + ":" + port;
            case SQLITE -> "SQLite database " + path;
            case SNAPSHOT -> "snapshot " + path;
        };
    }
}
