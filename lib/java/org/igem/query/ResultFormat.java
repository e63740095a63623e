package org.igem.query;

import java.util.Locale;

import org.igem.core.IgemException;

/** How {@code db query} writes a result. */
public enum ResultFormat {
    /** aligned columns for a terminal */
    TABLE,
    /** RFC 4180: header row, quoted where needed, NULL as an empty field */
    CSV,
    /** one JSON array of objects; NaN/±Infinity as strings, timestamps ISO-8601 */
    JSON,
    /** one Parquet file typed like a snapshot table (files only) */
    PARQUET;

    public static ResultFormat parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw IgemException.usage("unknown --format '" + s + "' (one of: table, csv, json, parquet)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
