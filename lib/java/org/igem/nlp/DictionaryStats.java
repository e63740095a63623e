package org.igem.nlp;

/**
 * Counts of one dictionary build. {@code aliasCount} aliases (entries) under {@code normCount}
 * unique norms went into the automaton; {@code nameCacheCount} entities have a primary name.
 * Rows left out: {@code inactive} (is_active not true), {@code nullNorm} (alias_norm NULL),
 * {@code filteredType} (entity type / domain filters, and rows without an entity type: the
 * original resolver inner-joins {@code entity_types}), {@code filteredShort} (norm shorter than
 * {@code minAliasLength} code points), {@code filteredStopword}.
 */
public record DictionaryStats(long rowsRead, long inactive, long nullNorm, long filteredType, long filteredShort,
                              long filteredStopword, long aliasCount, long normCount, long nameCacheCount,
                              int minAliasLength) {
}
