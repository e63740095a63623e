package org.igem.nlp;

/**
 * One row of {@code entity_aliases} joined to {@code entity_types} (on {@code entity_aliases.type_id}),
 * the input of {@link AliasDictionary#build}. {@code isPrimary} / {@code isActive} are false for a
 * NULL column (SQL semantics: only {@code is_active = TRUE} is active). {@code typeId} is null when
 * the alias has no (or a dangling) entity type: such a row is not loaded (the original resolver
 * inner-joins {@code entity_types}). {@code aliasNorm}, {@code domain}, {@code aliasType} and
 * {@code xrefSource} may be null.
 */
public record AliasRow(long aliasId, long entityId, String aliasValue, String aliasNorm, boolean isPrimary,
                       boolean isActive, Integer typeId, String entityTypeName, String domain, String aliasType,
                       String xrefSource) {

    /** A row without alias type / xref source (alias type {@code synonym}, the ETL default); type id 0 when typed. */
    public AliasRow(long aliasId, long entityId, String aliasValue, String aliasNorm, boolean isPrimary,
                    boolean isActive, String entityTypeName, String domain) {
        this(aliasId, entityId, aliasValue, aliasNorm, isPrimary, isActive,
                entityTypeName == null && domain == null ? null : 0, entityTypeName, domain, "synonym", null);
    }
}
