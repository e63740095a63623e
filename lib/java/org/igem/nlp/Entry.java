package org.igem.nlp;

/**
 * One alias under a norm: several entries may share a norm (synonyms of several entities, or
 * several alias rows of one entity). {@code primaryName} is the entity's display name from the
 * primary-name cache (null when the entity has no active primary alias); {@code entityTypeId},
 * {@code entityType} and {@code domain} come from {@code entity_types}; {@code aliasType}
 * ({@code preferred}, {@code synonym}, {@code code} …) and {@code xrefSource} from the alias row.
 */
public record Entry(long aliasId, long entityId, String alias, String aliasNorm, boolean primary, String primaryName,
                    String entityType, String domain, int entityTypeId, String aliasType, String xrefSource) {
}
