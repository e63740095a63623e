package org.igem.nlp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole-word match of one alias in a text: {@code [start, end)} are UTF-16 offsets into the
 * ORIGINAL text ({@code text} is {@code original.substring(start, end)}), {@code entry} the alias.
 */
public record Hit(int start, int end, String text, Entry entry) {
    public String alias() {
        return entry.alias();
    }

    public String aliasNorm() {
        return entry.aliasNorm();
    }

    public long entityId() {
        return entry.entityId();
    }

    public long aliasId() {
        return entry.aliasId();
    }

    public String primaryName() {
        return entry.primaryName();
    }

    public String entityType() {
        return entry.entityType();
    }

    public String domain() {
        return entry.domain();
    }

    /** The JSON object of a hit: start, end, text, alias, entity_id, primary_name, entity_type, domain. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start);
        m.put("end", end);
        m.put("text", text);
        m.put("alias", entry.alias());
        m.put("entity_id", entry.entityId());
        m.put("primary_name", entry.primaryName());
        m.put("entity_type", entry.entityType());
        m.put("domain", entry.domain());
        return m;
    }
}
