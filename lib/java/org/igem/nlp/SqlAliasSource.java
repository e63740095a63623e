package org.igem.nlp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.igem.core.IgemException;

/**
 * Streams {@code entity_aliases} JOIN {@code entity_types} (on {@code entity_aliases.type_id}: an
 * inner join, as the original resolver's; an alias without a type is not loaded) from a database
 * with one plain SELECT, as {@link AliasRow}s for {@link AliasDictionary#build}.
 * All joined rows are read (the builder filters and counts inactive aliases and NULL norms); NULL
 * booleans read as false. On PostgreSQL the rows are fetched in batches of {@value #FETCH_SIZE}
 * inside a read-only transaction (pgjdbc only streams with auto-commit off), restored on close.
 *
 * <pre>{@code
 * try (SqlAliasSource rows = SqlAliasSource.open(connection)) {
 *     NlpIndex index = NlpIndex.build(rows, DictionaryOptions.defaults());
 * }
 * }</pre>
 */
public final class SqlAliasSource implements Iterator<AliasRow>, AutoCloseable {
    public static final int FETCH_SIZE = 10_000;
    public static final String QUERY = "SELECT ea.id, ea.entity_id, ea.alias_value, ea.alias_norm, ea.is_primary, ea.is_active, "
            + "et.id, et.name, et.domain, ea.alias_type, ea.xref_source FROM entity_aliases ea "
            + "JOIN entity_types et ON et.id = ea.type_id";

    private final Connection connection;
    private final boolean autoCommit;
    private final PreparedStatement statement;
    private final ResultSet rs;
    private AliasRow next;
    private boolean done;

    private SqlAliasSource(Connection connection, boolean autoCommit, PreparedStatement statement, ResultSet rs) {
        this.connection = connection;
        this.autoCommit = autoCommit;
        this.statement = statement;
        this.rs = rs;
    }

    /** Runs the query on {@code connection} (which the caller still owns and closes). */
    public static SqlAliasSource open(Connection connection) {
        boolean autoCommit = true;
        PreparedStatement st = null;
        try {
            autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            st = connection.prepareStatement(QUERY, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            st.setFetchSize(FETCH_SIZE);
            return new SqlAliasSource(connection, autoCommit, st, st.executeQuery());
        } catch (SQLException e) {
            try {
                if (st != null) {
                    st.close();
                }
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw new IgemException("cannot read entity_aliases for the NLP dictionary: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            if (!rs.next()) {
                done = true;
                return false;
            }
            long id = rs.getLong(1);
            long entityId = rs.getLong(2);
            String value = rs.getString(3);
            String norm = rs.getString(4);
            boolean primary = rs.getBoolean(5);
            boolean active = rs.getBoolean(6);
            int typeId = rs.getInt(7);
            next = new AliasRow(id, entityId, value, norm, primary, active, typeId, rs.getString(8), rs.getString(9),
                    rs.getString(10), rs.getString(11));
            return true;
        } catch (SQLException e) {
            throw new IgemException("cannot read entity_aliases for the NLP dictionary: " + e.getMessage(), e);
        }
    }

    @Override
    public AliasRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        AliasRow r = next;
        next = null;
        return r;
    }

    @Override
    public void close() {
        try {
            rs.close();
            statement.close();
            connection.rollback(); // read only: nothing to keep
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new IgemException("cannot close the entity_aliases query: " + e.getMessage(), e);
        }
    }
}
