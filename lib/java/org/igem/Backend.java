package org.igem;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.igem.config.DbTarget;
import org.igem.export.ExportOptions;
import org.igem.export.ExportResult;
import org.igem.migrate.CreateResult;
import org.igem.migrate.DryRun;
import org.igem.migrate.StampResult;
import org.igem.migrate.Status;
import org.igem.migrate.UpgradeResult;
import org.igem.nlp.NlpIndex;
import org.igem.nlp.SyntheticVocabulary;
import org.igem.sql.ConnectionSettings;

/**
 * What {@link IgemDb} dispatches to: a SQL database ({@link SqlBackend}) or a read-only Parquet
 * snapshot ({@link SnapshotBackend}). Progress listeners come with each call, so one backend (and
 * its pool) can serve façades with different listeners.
 */
interface Backend {
    static Backend of(DbTarget target, ConnectionSettings settings, Map<String, String> env) {
        return target.isSnapshot() ? new SnapshotBackend(target, env) : new SqlBackend(target, settings);
    }

    DbTarget target();

    Status status();

    CreateResult create(boolean overwrite, String toRevision, Consumer<String> progress);

    UpgradeResult upgrade(String toRevision, Consumer<String> progress);

    StampResult stampHead(boolean force);

    DryRun dryRun(String toRevision);

    ExportResult export(ExportOptions options, Consumer<String> progress);

    SyntheticVocabulary.Result generateSynthetic(int entities, long seed, Consumer<String> progress);

    List<IgemDb.TableInfo> tables();

    /** {@code limit} is already checked (not negative). */
    IgemDb.Rows head(String table, int limit);

    /**
     * A read-only connection for {@code sql} (not blank); the caller closes it with
     * {@link org.igem.query.ReadOnlySql#close}. {@code notice}: where a one-off "fetching DuckDB" line goes.
     */
    Connection openQuery(String sql, Consumer<String> progress, Consumer<String> notice);

    NlpIndex nlp(Consumer<String> progress);

    Info info();

    HikariDataSource dataSource();

    void close();
}
