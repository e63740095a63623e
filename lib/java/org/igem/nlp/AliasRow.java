package org.igem.nlp;

/**
 * One row of {@code entity_aliases} joined to {@code entity_types} (on {@code entity_aliases.type_id}),
 * the input of {@link AliasDictionary#build}. {@code isPrimary} / {@code isActive} are false for a
 * NULL column (SQL semantics: only {@code is_active = TRUE} is active). {@code aliasNorm},
 * {@code entityTypeName} and {@code domain} may be null.
 */
public record AliasRow(long aliasId, long entityId, String aliasValue, String aliasNorm, boolean isPrimary,
                       boolean isActive, String entityTypeName, String domain) {
}
