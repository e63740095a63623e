package org.igem.nlp;

/**
 * One record of a corpus to annotate: {@code id} and {@code field} become the matches'
 * {@code source_record_id} / {@code source_field}; {@code line} is where it started in its file
 * (1-based line, or row number for CSV data rows and Parquet), 0 when it came from no file.
 */
public record TextRecord(String id, String field, String text, long line) {
    public TextRecord(String id, String text) {
        this(id, "text", text, 0);
    }
}
