package org.igem.config;

import java.nio.file.Path;
import java.util.List;
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
        Path path,
        List<String> hosts,
        List<Integer> ports) {

    /** A target with one server (or none): SQLite and snapshots, and single-host PostgreSQL. */
    public DbTarget(Kind kind, String uri, String host, int port, String database, String user, String password,
                    Map<String, String> params, Path path) {
        this(kind, uri, host, port, database, user, password, params, path,
                host == null ? List.of() : List.of(host), host == null ? List.of() : List.of(port));
    }

    /** Whether the (first) host is a Unix-domain socket directory, as libpq reads a host starting with '/'. */
    public boolean isUnixSocket() {
        return host != null && host.startsWith("/");
    }

    /** The socket file libpq would connect to: {@code <dir>/.s.PGSQL.<port>}. */
    public String socketPath() {
        return host + (host.endsWith("/") ? "" : "/") + ".s.PGSQL." + port;
    }

    /** "host:port" (several joined with ','), or the socket file for a Unix-domain socket. */
    public String serverLabel() {
        if (isUnixSocket()) {
            return socketPath();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++) {
            String h = hosts.get(i);
            sb.append(i == 0 ? "" : ",").append(h.contains(":") ? "[" + h + "]" : h).append(':').append(ports.get(i));
        }
        return sb.toString();
    }

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
            case POSTGRESQL -> "jdbc:postgresql://" + (isUnixSocket() ? "localhost:" + port : serverLabel()) + "/" + database;
            case SQLITE -> "jdbc:sqlite:" + path;
            case SNAPSHOT -> throw new IllegalStateException("a snapshot has no JDBC URL");
        };
    }

    /** Same server and credentials, another database (used for the admin connection of db create). */
    public DbTarget withDatabase(String otherDatabase) {
        String otherUri = uri.replaceFirst("/" + java.util.regex.Pattern.quote(database) + "(?=$|\\?)", "/" + otherDatabase);
        return new DbTarget(kind, otherUri, host, port, otherDatabase, user, password, params, path, hosts, ports);
    }

    /** Human description for messages: "PostgreSQL database igem at host:port" / "SQLite file ...". */
    public String describe() {
        return switch (kind) {
            case POSTGRESQL -> "PostgreSQL database '" + database + "' at " + serverLabel();
            case SQLITE -> "SQLite database " + path;
            case SNAPSHOT -> "snapshot " + path;
        };
    }
}
