package org.igem;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.igem.config.DbTarget;
import org.igem.core.IgemException;
import org.igem.export.ExportOptions;
import org.igem.export.ExportResult;
import org.igem.migrate.CreateResult;
import org.igem.migrate.DryRun;
import org.igem.migrate.StampResult;
import org.igem.migrate.Status;
import org.igem.migrate.UpgradeResult;
import org.igem.nlp.NlpIndex;
import org.igem.nlp.SyntheticVocabulary;
import org.igem.parquet.ParquetTableReader;
import org.igem.query.DuckDbJar;
import org.igem.query.SnapshotSql;
import org.igem.snapshot.Manifest;
import org.igem.snapshot.SnapshotNlp;

/** A read-only Parquet snapshot directory: explored from its manifest and files, queried through DuckDB. */
final class SnapshotBackend implements Backend {
    private final DbTarget target;
    /** The environment the per-user caches are found from (XDG_CACHE_HOME, IGEM_DUCKDB_JAR, IGEM_MAVEN_REPO). */
    private final Map<String, String> env;

    SnapshotBackend(DbTarget target, Map<String, String> env) {
        this.target = target;
        this.env = env;
    }

    @Override
    public DbTarget target() {
        return target;
    }

    /** The schema verbs need a writable SQL database. */
    private IgemException refused(String command) {
        return new IgemException("db " + command + " needs a writable SQL database, but " + target.display()
                + " is a read-only Parquet snapshot; pass a postgresql:// or sqlite: URI", IgemException.USAGE, null);
    }

    @Override
    public Status status() {
        throw refused("status");
    }

    @Override
    public CreateResult create(boolean overwrite, String toRevision, Consumer<String> progress) {
        throw refused("create");
    }

    @Override
    public UpgradeResult upgrade(String toRevision, Consumer<String> progress) {
        throw refused("upgrade");
    }

    @Override
    public StampResult stampHead(boolean force) {
        throw refused("stamp-head");
    }

    @Override
    public DryRun dryRun(String toRevision) {
        throw refused("migrate-dry-run");
    }

    @Override
    public ExportResult export(ExportOptions options, Consumer<String> progress) {
        throw refused("export");
    }

    @Override
    public SyntheticVocabulary.Result generateSynthetic(int entities, long seed, Consumer<String> progress) {
        throw refused("dev generate");
    }

    @Override
    public List<IgemDb.TableInfo> tables() {
        return manifest().tables().entrySet().stream()
                .map(e -> new IgemDb.TableInfo(e.getKey(), e.getValue().rows())).toList();
    }

    @Override
    public IgemDb.Rows head(String table, int limit) {
        Manifest.TableEntry e = manifest().tables().get(table);
        if (e == null) {
            throw new IgemException("unknown table '" + table + "' in snapshot " + target.path());
        }
        try (var reader = ParquetTableReader.open(target.path().resolve(e.file()))) {
            return new IgemDb.Rows(reader.columnNames(), reader.head(limit).stream().map(java.util.Arrays::asList).toList());
        }
    }

    @Override
    public Connection openQuery(String sql, Consumer<String> progress, Consumer<String> notice) {
        org.igem.snapshot.Snapshot snap = snapshot();
        java.sql.Driver duck = new DuckDbJar(env).driver(notice);
        return SnapshotSql.open(snap, duck, env, progress);
    }

    @Override
    public NlpIndex nlp(Consumer<String> progress) {
        return SnapshotNlp.open(snapshot(), w -> progress.accept("warning: " + w));
    }

    @Override
    public Info info() {
        Manifest mf = manifest();
        return new SnapshotInfo(target.display(), target.path().toString(), mf.snapshotVersion(), mf.schemaVersion(),
                mf.schemaRevision(), mf.tables().size(), mf.exportedAt(), new DuckDbJar(env).find().describe());
    }

    @Override
    public HikariDataSource dataSource() {
        throw new IgemException(target.display() + " is a read-only snapshot; it has no SQL connection");
    }

    @Override
    public void close() {
        // nothing held open: each call reads the files it needs
    }

    /** The snapshot's manifest, validated, its table files present ({@link org.igem.snapshot.Snapshot#requireTableFiles()}). */
    private Manifest manifest() {
        return snapshot().manifest();
    }

    /** The snapshot, opened once per call and handed down (its manifest is not read again below). */
    private org.igem.snapshot.Snapshot snapshot() {
        return org.igem.snapshot.Snapshot.open(target.path()).requireTableFiles();
    }
}
