package org.igem.migrate;

import org.igem.sql.Catalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Python igem-server's {@code alembic_version}, kept in step with the history here so that its
 * {@code db status} reports the same revision and its {@code db upgrade} finds nothing to redo.
 * Written on the caller's connection: inside the caller's transaction.
 */
public final class AlembicVersion {
    public static final String TABLE = Catalog.ALEMBIC_VERSION_TABLE;

    private AlembicVersion() {
    }

    /** Creates the table when absent (Alembic's own shape) and leaves exactly one row, {@code revision}'s id. */
    public static void write(Connection c, Revision revision) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
            st.execute("DELETE FROM " + TABLE);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (version_num) VALUES (?)")) {
            ps.setString(1, revision.alembicId());
            ps.executeUpdate();
        }
    }
}
