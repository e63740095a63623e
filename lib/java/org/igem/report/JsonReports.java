package org.igem.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.igem.core.IgemException;
import org.igem.migrate.Status;

/**
 * The JSON the front ends print for a result ({@code --json}): one pretty-printing mapper and the
 * maps of the results that have no JSON form of their own. Streamed outputs (query results,
 * annotate's JSON Lines) write through their own generators, row by row.
 */
public final class JsonReports {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReports() {
    }

    /** {@code value} (maps, lists, strings, numbers, booleans) as indented JSON, without a trailing newline. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IgemException("cannot render the result as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code db status --json}: the keys of the original tool's status, in its order. */
    public static Map<String, Object> status(Status st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", st.uri());
        m.put("head", st.head().alembicId());
        m.put("head_version", st.head().version());
        m.put("revision", st.currentId());
        m.put("version", st.currentRaw());
        m.put("versioned", st.versioned());
        m.put("up_to_date", st.upToDate());
        m.put("state", st.state().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, String>> pending = st.pending().stream()
                .map(r -> Map.of("revision", r.alembicId(), "version", r.version(), "title", r.title())).toList();
        m.put("pending", pending);
        m.put("alembic_revision", st.alembicRevision());
        return m;
    }
}
