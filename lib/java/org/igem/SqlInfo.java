package org.igem;

/**
 * {@code db info} of a PostgreSQL or SQLite database. {@code server} is null when it could not be
 * reached; then {@code error} says why and {@code failure} holds the cause (the CLI shows its stack
 * trace under --debug; null when there is nothing more to show, e.g. a missing SQLite file).
 */
public record SqlInfo(String uri, String engine, String host, String database, String path, Server server,
                      String error, Throwable failure) implements Info {

    /** What a connected database reports: its product and version, schema revision and pgvector state. */
    public record Server(String version, String revision, String vector) {
    }

    static SqlInfo reached(String uri, String engine, String host, String database, String path, Server server) {
        return new SqlInfo(uri, engine, host, database, path, server, null, null);
    }

    static SqlInfo unreachable(String uri, String engine, String host, String database, String path, String error,
                               Throwable failure) {
        return new SqlInfo(uri, engine, host, database, path, null, error, failure);
    }

    @Override
    public String backend() {
        return "sql";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public boolean connected() {
        return server != null;
    }

    @Override
    public String revision() {
        return server == null ? null : server.revision();
    }

    public String serverVersion() {
        return server == null ? null : server.version();
    }

    public String vector() {
        return server == null ? null : server.vector();
    }
}
