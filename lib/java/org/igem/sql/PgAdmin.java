package org.igem.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.igem.config.DbTarget;

/** Database-level operations on a PostgreSQL server, through its {@code postgres} maintenance database. */
public final class PgAdmin {
    private final DbTarget target;
    private final ConnectionSettings settings;

    public PgAdmin(DbTarget target, ConnectionSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    /** Creates the target database when missing. Returns true when it was created here. */
    public boolean ensureDatabase(Consumer<String> log) {
        DbTarget admin = target.withDatabase("postgres");
        try (HikariDataSource ds = Databases.open(admin, settings)) {
            return Databases.withConnection(ds, admin, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, target.database());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return false;
                        }
                    }
                }
                log.accept("Creating database '" + target.database() + "'...");
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + quote(target.database()));
                }
                return true;
            });
        }
    }

    /**
     * Drops the target database; used to undo a create that failed or was interrupted. WITH (FORCE)
     * (PostgreSQL 13+) ends the sessions still in it (the interrupted create's own). Errors are ignored.
     */
    public void dropQuietly() {
        DbTarget admin = target.withDatabase("postgres");
        try (HikariDataSource ds = Databases.open(admin, settings)) {
            Databases.withConnection(ds, admin, c -> {
                try (Statement st = c.createStatement()) {
                    String drop = "DROP DATABASE IF EXISTS " + quote(target.database());
                    if (c.getMetaData().getDatabaseMajorVersion() >= 13) {
                        drop += " WITH (FORCE)";
                    }
                    st.execute(drop);
                }
                return null;
            });
        } catch (RuntimeException ignored) {
            // best effort: the original error is what the user needs to see
        }
    }

    static String quote(String identifier) {
        return Catalog.quote(identifier);
    }
}
