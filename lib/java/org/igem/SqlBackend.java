package org.igem;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.igem.config.DbTarget;
import org.igem.core.IgemException;
import org.igem.export.ExportOptions;
import org.igem.export.ExportResult;
import org.igem.export.Exporter;
import org.igem.migrate.CreateResult;
import org.igem.migrate.DbCreate;
import org.igem.migrate.DbDryRun;
import org.igem.migrate.DbStamp;
import org.igem.migrate.DbUpgrade;
import org.igem.migrate.DryRun;
import org.igem.migrate.Revision;
import org.igem.migrate.Revisions;
import org.igem.migrate.SchemaMigrator;
import org.igem.migrate.StampResult;
import org.igem.migrate.Status;
import org.igem.migrate.UpgradeResult;
import org.igem.nlp.DictionaryOptions;
import org.igem.nlp.NlpIndex;
import org.igem.nlp.SqlAliasSource;
import org.igem.nlp.SyntheticVocabulary;
import org.igem.query.ReadOnlySql;
import org.igem.sql.Catalog;
import org.igem.sql.ConnectionSettings;
import org.igem.sql.Databases;

/**
 * A PostgreSQL or SQLite database: the schema verbs (their rules live in {@code migrate}), export,
 * and exploring through the pool, which opens on first use and is shared by every façade over it.
 */
final class SqlBackend implements Backend {
    private final DbTarget target;
    private final ConnectionSettings settings;
    private HikariDataSource dataSource;

    SqlBackend(DbTarget target, ConnectionSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    @Override
    public DbTarget target() {
        return target;
    }

    @Override
    public Status status() {
        requireExistingSqlite();
        synchronized (this) {
            if (dataSource == null) {
                // a lone status (the deploy pipelines' most frequent call) reads one row: no pool to start
                return new SchemaMigrator(Databases.unpooled(target, settings), target).status();
            }
        }
        return new SchemaMigrator(dataSource(), target).status();
    }

    @Override
    public CreateResult create(boolean overwrite, String toRevision, Consumer<String> progress) {
        return new DbCreate(target, settings, this::dataSource, progress).run(overwrite, revision(toRevision));
    }

    @Override
    public UpgradeResult upgrade(String toRevision, Consumer<String> progress) {
        requireExistingSqlite();
        Revision to = revision(toRevision);
        return new DbUpgrade(target, dataSource(), progress).run(to);
    }

    @Override
    public StampResult stampHead(boolean force) {
        requireExistingSqlite();
        return new DbStamp(target, dataSource()).run(force);
    }

    @Override
    public DryRun dryRun(String toRevision) {
        Revision to = revision(toRevision);
        requireExistingSqlite();
        return new DbDryRun(target, dataSource()).run(to);
    }

    @Override
    public ExportResult export(ExportOptions options, Consumer<String> progress) {
        requireExistingSqlite();
        return new Exporter(dataSource(), target, progress).run(options);
    }

    @Override
    public SyntheticVocabulary.Result generateSynthetic(int entities, long seed, Consumer<String> progress) {
        requireExistingSqlite();
        return SyntheticVocabulary.generate(dataSource(), target, entities, seed, progress);
    }

    @Override
    public List<IgemDb.TableInfo> tables() {
        requireExistingSqlite();
        return Databases.withConnection(dataSource(), target, c -> {
            List<IgemDb.TableInfo> out = new ArrayList<>();
            for (String t : Catalog.tableNames(c, target.isPostgres())) {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Catalog.quote(t))) {
                    rs.next();
                    out.add(new IgemDb.TableInfo(t, rs.getLong(1)));
                }
            }
            return out;
        });
    }

    @Override
    public IgemDb.Rows head(String table, int limit) {
        requireExistingSqlite();
        return Databases.withConnection(dataSource(), target, c -> {
            if (!Catalog.tableNames(c, target.isPostgres()).contains(table)) {
                throw new IgemException("unknown table '" + table + "' in " + target.display());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + Catalog.quote(table) + " LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return rows(rs, limit);
                }
            }
        });
    }

    @Override
    public Connection openQuery(String sql, Consumer<String> progress, Consumer<String> notice) {
        requireExistingSqlite();
        return ReadOnlySql.open(target, settings, sql);
    }

    @Override
    public NlpIndex nlp(Consumer<String> progress) {
        requireExistingSqlite();
        return Databases.withConnection(dataSource(), target, c -> {
            try (var rows = SqlAliasSource.open(c)) {
                return NlpIndex.build(rows, DictionaryOptions.defaults());
            }
        });
    }

    @Override
    public Info info() {
        String host = target.isPostgres() ? target.serverLabel() + (target.isUnixSocket() ? " (Unix socket)" : "") : null;
        String database = target.isPostgres() ? target.database() : target.path().toString();
        String path = target.isSqlite() ? target.path().toString() : null;
        if (target.isSqlite() && !Databases.sqliteExists(target)) {
            return SqlInfo.unreachable(target.display(), "sqlite", null, database, path,
                    "file does not exist (run `igem db create`)", null);
        }
        try {
            SqlInfo.Server server = Databases.withConnection(dataSource(), target, c -> {
                DatabaseMetaData md = c.getMetaData();
                return new SqlInfo.Server(md.getDatabaseProductName() + " " + md.getDatabaseProductVersion(), null, vectorState(c));
            });
            Status st = new SchemaMigrator(dataSource(), target).status();
            String rev = st.versioned() ? st.currentId() : "not versioned";
            return SqlInfo.reached(target.display(), target.kind().label(), host, database, path,
                    new SqlInfo.Server(server.version(), rev, server.vector()));
        } catch (IgemException e) {
            return SqlInfo.unreachable(target.display(), target.kind().label(), host, database, path, e.getMessage(), e);
        }
    }

    private String vectorState(Connection c) throws SQLException {
        if (!target.isPostgres()) {
            return "n/a on SQLite (embedding is a plain VECTOR(768) declared column)";
        }
        boolean available;
        boolean installed;
        boolean column;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")) {
                rs.next();
                available = rs.getInt(1) > 0;
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'vector'")) {
                rs.next();
                installed = rs.getInt(1) > 0;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = 'entity_aliases' AND column_name = 'embedding'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                column = rs.getInt(1) > 0;
            }
        }
        if (installed) {
            return "installed; entity_aliases.embedding " + (column ? "vector(768) present" : "not created yet");
        }
        if (available) {
            return "available but not installed; entity_aliases.embedding " + (column ? "present" : "not created");
        }
        return "not available on this server; entity_aliases.embedding not created";
    }

    private static IgemDb.Rows rows(ResultSet rs, int limit) throws SQLException {
        java.sql.ResultSetMetaData md = rs.getMetaData();
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i));
        }
        List<List<Object>> out = new ArrayList<>();
        while (out.size() < limit && rs.next()) {
            List<Object> r = new ArrayList<>(cols.size());
            for (int i = 1; i <= cols.size(); i++) {
                r.add(rs.getObject(i));
            }
            out.add(r);
        }
        return new IgemDb.Rows(cols, out);
    }

    private static Revision revision(String toRevision) {
        return toRevision == null ? Revisions.head() : Revisions.parse(toRevision);
    }

    private void requireExistingSqlite() {
        if (target.isSqlite() && !Databases.sqliteExists(target)) {
            throw new IgemException("SQLite database " + target.path() + " does not exist (run `igem db create` first)");
        }
    }

    @Override
    public synchronized HikariDataSource dataSource() {
        if (dataSource == null) {
            dataSource = Databases.open(target, settings);
        }
        return dataSource;
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }
}
