package org.igem.migrate;

import java.util.List;

import org.igem.seed.SeedReport;

/** Outcome of {@link DbCreate} ({@code db create}). */
public record CreateResult(String uri, boolean databaseCreated, List<Revision> applied, SeedReport seeds, Revision revision) {
}
