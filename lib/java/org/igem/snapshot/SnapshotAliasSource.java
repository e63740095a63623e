package org.igem.snapshot;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.igem.IgemException;
import org.igem.nlp.AliasRow;

/**
 * {@code entity_aliases} joined to {@code entity_types} straight from a snapshot's Parquet files:
 * entity types are read whole (a few rows), aliases stream row group by row group.
 */
public final class SnapshotAliasSource implements Iterator<AliasRow>, AutoCloseable {
    private final ParquetTableReader aliases;
    private final Iterator<Object[]> rows;
    private final Map<Long, String[]> types = new HashMap<>();
    private final int id;
    private final int entityId;
    private final int typeId;
    private final int value;
    private final int norm;
    private final int primary;
    private final int active;
    private final int aliasType;
    private final int xrefSource;

    private SnapshotAliasSource(Manifest manifest) {
        try (ParquetTableReader t = ParquetTableReader.open(file(manifest, "entity_types"))) {
            List<String> cols = t.columnNames();
            int tid = index(cols, "id", "entity_types");
            int tname = index(cols, "name", "entity_types");
            int tdomain = index(cols, "domain", "entity_types");
            for (Object[] r : t.readAll()) {
                types.put(((Number) r[tid]).longValue(), new String[] {(String) r[tname], (String) r[tdomain]});
            }
        }
        aliases = ParquetTableReader.open(file(manifest, "entity_aliases"));
        List<String> cols = aliases.columnNames();
        id = index(cols, "id", "entity_aliases");
        entityId = index(cols, "entity_id", "entity_aliases");
        typeId = index(cols, "type_id", "entity_aliases");
        value = index(cols, "alias_value", "entity_aliases");
        norm = index(cols, "alias_norm", "entity_aliases");
        primary = index(cols, "is_primary", "entity_aliases");
        active = index(cols, "is_active", "entity_aliases");
        aliasType = index(cols, "alias_type", "entity_aliases");
        xrefSource = index(cols, "xref_source", "entity_aliases");
        rows = aliases.rows();
    }

    /** Opens the alias rows of the snapshot in {@code dir} (its manifest is validated). */
    public static SnapshotAliasSource open(Path dir) {
        return new SnapshotAliasSource(Manifest.readValidated(dir));
    }

    private static Path file(Manifest m, String table) {
        Manifest.TableEntry e = m.tables().get(table);
        if (e == null) {
            throw new IgemException("snapshot " + m.directory() + " has no " + table + " table; the NLP dictionary needs "
                    + "entity_aliases and entity_types");
        }
        return m.directory().resolve(e.file());
    }

    private static int index(List<String> cols, String name, String table) {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new IgemException("snapshot table " + table + " has no column " + name);
        }
        return i;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public AliasRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] r = rows.next();
        String[] type = r[typeId] == null ? null : types.get(((Number) r[typeId]).longValue());
        // a NULL or dangling type_id gives typeId null: not loaded (the original inner-joins entity_types)
        return new AliasRow(((Number) r[id]).longValue(), ((Number) r[entityId]).longValue(), (String) r[value],
                (String) r[norm], Boolean.TRUE.equals(r[primary]), Boolean.TRUE.equals(r[active]),
                type == null ? null : ((Number) r[typeId]).intValue(), type == null ? null : type[0],
                type == null ? null : type[1], (String) r[aliasType], (String) r[xrefSource]);
    }

    @Override
    public void close() {
        aliases.close();
    }
}
