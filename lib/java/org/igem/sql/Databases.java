package org.igem.sql;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.igem.core.IgemException;
import org.igem.config.DbTarget;
import org.igem.config.DbUris;
import org.igem.config.Secrets;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens pooled data sources for the two SQL back ends and turns driver failures into one-line messages. */
public final class Databases {
    private Databases() {
    }

    /**
     * A pooled data source for {@code target}. PostgreSQL gets the IGEM_DB_* tuning; SQLite gets WAL,
     * synchronous=NORMAL, a 64 MB page cache, in-memory temp store and enforced foreign keys.
     * Fails fast with a clear message when the database cannot be reached.
     */
    public static HikariDataSource open(DbTarget target, ConnectionSettings settings) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("igem");
        cfg.setMaximumPoolSize(4);
        cfg.setMinimumIdle(0);
        cfg.setMaxLifetime(settings.poolRecycleSeconds() * 1000L);
        // a libpq connect_timeout in the URI wins over IGEM_DB_CONNECT_TIMEOUT for the pool's wait too
        String uriTimeout = target.params().get("connectTimeout");
        long timeoutSeconds = uriTimeout != null && uriTimeout.matches("\\d+") && !uriTimeout.equals("0")
                ? Long.parseLong(uriTimeout) : settings.connectTimeoutSeconds();
        cfg.setConnectionTimeout(Math.max(250L, timeoutSeconds * 1000L));
        cfg.setInitializationFailTimeout(1);
        cfg.setDataSource(unpooled(target, settings));
        if (target.isSqlite()) {
            // One writer at a time is SQLite's model; a single pooled connection avoids lock ping-pong.
            cfg.setMaximumPoolSize(1);
        }
        try {
            return new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw translate(target, e);
        }
    }

    /**
     * The driver's data source for {@code target}, with the settings above and no pool: every
     * {@code getConnection()} opens a new connection. {@link #open} pools it; one-shot reads (db status)
     * use it as it is, where starting HikariCP would cost more than the read.
     */
    public static DataSource unpooled(DbTarget target, ConnectionSettings settings) {
        if (target.isPostgres()) {
            return postgresDataSource(target, settings);
        } else if (target.isSqlite()) {
            return sqliteDataSource(target);
        }
        throw new IgemException(target.display() + " is a read-only snapshot, not a SQL database");
    }

    private static DataSource postgresDataSource(DbTarget target, ConnectionSettings s) {
        var ds = new org.postgresql.ds.PGSimpleDataSource();
        Map<String, String> params = new LinkedHashMap<>(target.params());
        if (target.isUnixSocket()) {
            // pgjdbc speaks TCP only; junixsocket's factory hands it the socket file instead (the host is then unused)
            ds.setServerNames(new String[] {"localhost"});
            ds.setPortNumbers(new int[] {target.port()});
            params.putIfAbsent("socketFactory", UnixSockets.factoryClassName());
            params.putIfAbsent("socketFactoryArg", target.socketPath());
            params.putIfAbsent("sslmode", "disable"); // libpq never uses SSL on a Unix socket
        } else {
            ds.setServerNames(target.hosts().toArray(String[]::new));
            ds.setPortNumbers(target.ports().stream().mapToInt(Integer::intValue).toArray());
        }
        ds.setDatabaseName(target.database());
        ds.setUser(target.user());
        if (target.password() != null) {
            ds.setPassword(target.password());
        }
        ds.setConnectTimeout(s.connectTimeoutSeconds());
        ds.setLoginTimeout(s.connectTimeoutSeconds());
        ds.setApplicationName(s.applicationName());
        // libpq's keepalives* in the URI win over the IGEM_DB_* environment
        boolean keepalives = params.containsKey("tcpKeepAlive") ? Boolean.parseBoolean(params.get("tcpKeepAlive")) : s.keepalives();
        int idle = intOr(params.remove("keepalives_idle"), s.keepalivesIdle());
        int interval = intOr(params.remove("keepalives_interval"), s.keepalivesInterval());
        int count = intOr(params.remove("keepalives_count"), s.keepalivesCount());
        ds.setTcpKeepAlive(keepalives);
        // pgjdbc has no client-side keepalive knobs: ask the server to probe the connection instead.
        String options = params.remove("options");
        String keepaliveOptions = keepalives ? "-c tcp_keepalives_idle=" + idle + " -c tcp_keepalives_interval=" + interval
                + " -c tcp_keepalives_count=" + count : "";
        String allOptions = (keepaliveOptions + " " + (options == null ? "" : options)).strip();
        if (!allOptions.isEmpty()) {
            ds.setOptions(allOptions);
        }
        params.forEach((k, v) -> {
            org.postgresql.PGProperty p = org.postgresql.PGProperty.forName(k);
            if (p == null) {
                throw IgemException.usage("unknown PostgreSQL connection parameter '" + k + "' in " + target.display()
                        + "; accepted: " + String.join(", ", DbUris.LIBPQ_PARAMS) + ", or a pgjdbc property name (e.g. sslfactory)");
            }
            // pgjdbc would accept e.g. sslmode=bogus here and fail only when connecting: check its list of choices
            if (p.getChoices() != null && !java.util.Arrays.asList(p.getChoices()).contains(v)) {
                throw IgemException.usage("invalid value '" + v + "' for PostgreSQL connection parameter '" + k + "' in "
                        + target.display() + " (one of: " + String.join(", ", p.getChoices()) + ")");
            }
            try {
                ds.setProperty(k, v);
            } catch (SQLException e) {
                throw IgemException.usage("invalid value for PostgreSQL connection parameter '" + k + "' in " + target.display());
            }
        });
        return ds;
    }

    private static int intOr(String v, int dflt) {
        return v == null ? dflt : Integer.parseInt(v);
    }

    private static DataSource sqliteDataSource(DbTarget target) {
        SqliteNative.prepare();
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        c.setCacheSize(-65536);
        c.setTempStore(SQLiteConfig.TempStore.MEMORY);
        c.enforceForeignKeys(true);
        c.setBusyTimeout(30_000);
        SQLiteDataSource ds = new SQLiteDataSource(c);
        ds.setUrl(target.jdbcUrl());
        return ds;
    }

    /** True when the SQLite file exists (opening a missing file would silently create it). */
    public static boolean sqliteExists(DbTarget target) {
        return Files.isRegularFile(target.path());
    }

    /** One-line message for a failure to reach or use the database; never contains the password. */
    public static IgemException translate(DbTarget target, Throwable e) {
        if (e instanceof IgemException ie) {
            return ie;
        }
        return connectionFailure(target, e).orElseGet(() -> {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String detail = firstLine(root.getMessage() == null ? root.toString() : root.getMessage());
            return new IgemException(Secrets.scrub("database error on " + target.describe() + " (" + target.display() + "): "
                    + detail, target.password()), e);
        });
    }

    /** The one-line message when {@code e} means the database could not be reached or logged into. */
    public static java.util.Optional<IgemException> connectionFailure(DbTarget target, Throwable e) {
        String msg = describeConnection(target, e);
        return msg == null ? java.util.Optional.empty()
                : java.util.Optional.of(new IgemException(IgemException.Kind.CONNECTION, Secrets.scrub(msg, target.password()), e));
    }

    private static String describeConnection(DbTarget target, Throwable e) {
        String where = target.describe() + " (" + target.display() + ")";
        // The network cause first: pgjdbc wraps it in "The connection attempt failed." (SQL state 08001).
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                String name = t.getMessage() == null || t.getMessage().isBlank() ? target.host() : t.getMessage().strip();
                int sep = name.indexOf(':');
                return "cannot connect to " + where + ": unknown host " + (sep > 0 ? name.substring(0, sep) : name);
            }
            if (target.isUnixSocket() && t instanceof java.net.SocketException) {
                return "cannot connect to " + where + ": no server listening on the Unix socket " + target.socketPath();
            }
            if (t instanceof ConnectException) {
                return "cannot connect to " + where + ": connection refused (is the server running and accepting TCP connections?)";
            }
            if (t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return "cannot connect to " + where + ": host unreachable or timed out";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && se.getSQLState() != null) {
                String state = se.getSQLState();
                switch (state) {
                    case "28P01", "28000":
                        return "authentication failed for user '" + target.user() + "' on " + where;
                    case "3D000":
                        return "database '" + target.database() + "' does not exist on " + target.serverLabel()
                                + " (run `igem db create` first)";
                    case "08001", "08006", "08004":
                        return "cannot connect to " + where + ": " + firstLine(se.getMessage());
                    default:
                        break;
                }
            }
        }
        return null;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    /** Runs {@code work} on one connection, translating driver errors. */
    public static <T> T withConnection(DataSource ds, DbTarget target, SqlWork<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException | RuntimeException e) {
            throw translate(target, e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
