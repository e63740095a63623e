package org.igem.nlp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resolved entity for one span of a text, the original igem-server's {@code ResolvedMatch}:
 * {@code matchedText} is the alias norm; {@code start}/{@code end} are UTF-16 offsets into the
 * ORIGINAL text ({@code text} is that substring) and {@code normStart}/{@code normEnd} code-point
 * offsets into the normalised text (the original's spans, for comparisons with the Python tool);
 * {@code context} is the original text from 50 characters before the span to 50 after it; the
 * alias is the entity's best alias under the norm ({@code preferred} &lt; {@code synonym} &lt;
 * {@code code} &lt; anything else, then the smallest alias id); {@code confidence} is 1 / the
 * number of distinct candidate entities of the span; {@code reviewStatus} is {@code auto} at or
 * above the threshold, else {@code pending}; {@code sourceRecordId}/{@code sourceField} say
 * which record and field of an annotated corpus the text came from (null for a plain text).
 */
public record ResolvedMatch(String matchedText, int start, int end, String text, int normStart, int normEnd,
                            String context, long entityId, String primaryName, int entityTypeId, String entityType,
                            String domain, long aliasId, String aliasValue, String aliasType, String xrefSource,
                            String matchMethod, double confidence, String reviewStatus, String sourceRecordId,
                            String sourceField) {
    public static final String EXACT_AHO = "exact_aho";

    /** The output fields, in this order (JSONL keys, Parquet columns). */
    public static final List<String> FIELDS = List.of("source_record_id", "source_field", "matched_text", "start", "end",
            "text", "norm_start", "norm_end", "context", "entity_id", "primary_name", "entity_type_id", "entity_type",
            "domain", "alias_id", "alias_value", "alias_type", "xref_source", "match_method", "confidence",
            "review_status");

    /** The JSON object of a match, keys as {@link #FIELDS}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source_record_id", sourceRecordId);
        m.put("source_field", sourceField);
        m.put("matched_text", matchedText);
        m.put("start", start);
        m.put("end", end);
        m.put("text", text);
        m.put("norm_start", normStart);
        m.put("norm_end", normEnd);
        m.put("context", context);
        m.put("entity_id", entityId);
        m.put("primary_name", primaryName);
        m.put("entity_type_id", entityTypeId);
        m.put("entity_type", entityType);
        m.put("domain", domain);
        m.put("alias_id", aliasId);
        m.put("alias_value", aliasValue);
        m.put("alias_type", aliasType);
        m.put("xref_source", xrefSource);
        m.put("match_method", matchMethod);
        m.put("confidence", confidence);
        m.put("review_status", reviewStatus);
        return m;
    }
}
