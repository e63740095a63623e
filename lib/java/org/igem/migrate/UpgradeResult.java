package org.igem.migrate;

import java.util.List;

import org.igem.seed.SeedReport;

/** Outcome of {@link DbUpgrade} ({@code db upgrade}). */
public record UpgradeResult(String uri, Revision from, Revision to, List<Revision> applied, SeedReport seeds) {
    public boolean migrated() {
        return !applied.isEmpty();
    }
}
