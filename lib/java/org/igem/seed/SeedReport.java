package org.igem.seed;

import java.util.List;

/** What one seeding pass did, table by table. */
public record SeedReport(List<TableCounts> tables) {

    /** Per-table counts; {@code unchanged} rows already held the seed values. */
    public record TableCounts(String table, int created, int updated, int unchanged, int skipped) {
    }

    public int created() {
        return tables.stream().mapToInt(TableCounts::created).sum();
    }

    public int updated() {
        return tables.stream().mapToInt(TableCounts::updated).sum();
    }
}
