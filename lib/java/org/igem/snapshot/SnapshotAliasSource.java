package org.igem.snapshot;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.igem.core.IgemException;
import org.igem.nlp.AliasRow;
import org.igem.parquet.ParquetTableReader;

/**
 * {@code entity_aliases} joined to {@code entity_types} straight from a snapshot's Parquet files:
 * entity types are read whole (a few rows), aliases stream row group by row group.
 */
public final class SnapshotAliasSource implements Iterator<AliasRow>, AutoCloseable {
    /** The tables the dictionary is read from (an NLP cache records their sha256). */
    public static final List<String> TABLES = List.of("entity_aliases", "entity_types");
    private final ParquetTableReader aliases;
    private final Path aliasesFile;
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
        Path typesFile = file(manifest, "entity_types");
        try (ParquetTableReader t = ParquetTableReader.open(typesFile)) {
            List<String> cols = t.columnNames();
            int tid = index(cols, "id", "entity_types");
            int tname = index(cols, "name", "entity_types");
            int tdomain = index(cols, "domain", "entity_types");
            requireType(t, typesFile, "id", Kind.INTEGER);
            requireType(t, typesFile, "name", Kind.STRING);
            requireType(t, typesFile, "domain", Kind.STRING);
            for (Object[] r : t.readAll()) {
                if (r[tid] != null) {
                    types.put(((Number) r[tid]).longValue(), new String[] {(String) r[tname], (String) r[tdomain]});
                }
            }
        }
        aliasesFile = file(manifest, "entity_aliases");
        aliases = ParquetTableReader.open(aliasesFile);
        List<String> cols = aliases.columnNames();
        id = index(cols, "id", "entity_aliases");
        entityId = index(cols, "entity_id", "entity_aliases");
        typeId = index(cols, "type_id", "entity_aliases");
        value = index(cols, "alias_value", "entity_aliases");
        norm = index(cols, "alias_norm", "entity_aliases");
        primary = index(cols, "is_primary", "entity_aliases");
        active = index(cols, "is_active", "entity_aliases");
        try {
            for (String c : List.of("id", "entity_id", "type_id")) {
                requireType(aliases, aliasesFile, c, Kind.INTEGER);
            }
            requireType(aliases, aliasesFile, "alias_value", Kind.STRING);
            requireType(aliases, aliasesFile, "alias_norm", Kind.STRING);
            requireType(aliases, aliasesFile, "is_primary", Kind.BOOLEAN);
            requireType(aliases, aliasesFile, "is_active", Kind.BOOLEAN);
        } catch (RuntimeException e) {
            aliases.close();
            throw e;
        }
        aliasType = index(cols, "alias_type", "entity_aliases");
        xrefSource = index(cols, "xref_source", "entity_aliases");
        rows = aliases.rows();
    }

    /** The value kinds the dictionary reads. */
    private enum Kind {
        INTEGER("INT32 or INT64"), STRING("BINARY (STRING)"), BOOLEAN("BOOLEAN");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * A column of another physical type than the dictionary reads is one line naming the file,
     * the column, the expected and the found type (booleans stored as text would otherwise
     * silently drop every alias as inactive).
     */
    private static void requireType(ParquetTableReader r, Path file, String column, Kind kind) {
        PrimitiveType t;
        try {
            t = r.schema().getType(column).asPrimitiveType();
        } catch (RuntimeException e) {
            throw new IgemException("unexpected Parquet type in " + file + ": column " + column + " is a group, expected " + kind.label);
        }
        PrimitiveType.PrimitiveTypeName p = t.getPrimitiveTypeName();
        LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
        boolean ok = switch (kind) {
            case INTEGER -> (p == PrimitiveType.PrimitiveTypeName.INT32 || p == PrimitiveType.PrimitiveTypeName.INT64)
                    && (l == null || l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation);
            case STRING -> p == PrimitiveType.PrimitiveTypeName.BINARY && l instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
            case BOOLEAN -> p == PrimitiveType.PrimitiveTypeName.BOOLEAN;
        };
        if (!ok) {
            throw new IgemException("unexpected Parquet type in " + file + ": column " + column + " is " + p
                    + (l == null ? "" : " (" + l + ")") + ", expected " + kind.label);
        }
    }

    /** Opens the alias rows of {@code snapshot} (its manifest already validated, not read again). */
    public static SnapshotAliasSource open(Snapshot snapshot) {
        return new SnapshotAliasSource(snapshot.manifest());
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
        if (r[id] == null || r[entityId] == null) {
            throw new IgemException("unexpected NULL in " + aliasesFile + ": column " + (r[id] == null ? "id" : "entity_id")
                    + " of entity_aliases (expected INT64 values)");
        }
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
