package org.igem.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.igem.core.IgemException;
import org.igem.nlp.Annotator.BadRecordException;
import org.igem.nlp.Annotator.Raw;
import org.igem.parquet.ParquetTableReader;

/**
 * An input corpus of {@code nlp annotate}: plain text (one record per line), JSONL (one object per
 * line; blank lines are not records), CSV / TSV with a header row (Jackson's CSV parser), or any
 * Parquet file with a text column. Records are read on the caller's thread ({@link #raws()}) and
 * parsed on the workers ({@link #parser()}); the record id is the {@code idField} value, or the
 * line (data row) number when no id field is named.
 */
public final class Corpus implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Input formats. */
    public enum Format {
        TEXT, JSONL, CSV, TSV, PARQUET;

        public static Format parse(String s) {
            String k = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
            if (k.equals("TXT")) {
                return TEXT;
            }
            if (k.equals("NDJSON") || k.equals("JSON")) {
                return JSONL;
            }
            for (Format f : values()) {
                if (f.name().equals(k)) {
                    return f;
                }
            }
            throw IgemException.usage("unknown input format '" + s + "' (expected text, jsonl, csv, tsv or parquet)");
        }

        /** From the file name's extension; plain text for anything else (and stdin). */
        public static Format of(Path file) {
            if (file == null) {
                return TEXT;
            }
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
                return JSONL;
            }
            if (n.endsWith(".csv")) {
                return CSV;
            }
            if (n.endsWith(".tsv") || n.endsWith(".tab")) {
                return TSV;
            }
            if (n.endsWith(".parquet")) {
                return PARQUET;
            }
            return TEXT;
        }
    }

    private final Iterator<Raw> raws;
    private final Annotator.Parser parser;
    private final AutoCloseable resource;

    private Corpus(Iterator<Raw> raws, Annotator.Parser parser, AutoCloseable resource) {
        this.raws = raws;
        this.parser = parser;
        this.resource = resource;
    }

    public Iterator<Raw> raws() {
        return raws;
    }

    public Annotator.Parser parser() {
        return parser;
    }

    /**
     * Opens {@code file} ({@code null}: {@code stdin}) as {@code format}; {@code textField} names
     * the text (JSONL key, CSV column, Parquet column; ignored for plain text), {@code idField}
     * the record id (null: the line / row number).
     */
    public static Corpus open(Path file, InputStream stdin, Format format, String textField, String idField) {
        Format f = format == null ? Format.of(file) : format;
        String tf = textField == null || textField.isBlank() ? "text" : textField;
        if (f == Format.PARQUET) {
            if (file == null) {
                throw IgemException.usage("Parquet input cannot come from stdin (it needs a seekable file)");
            }
            return parquet(file, tf, idField);
        }
        InputStream in;
        if (file == null) {
            in = stdin;
        } else {
            try {
                in = Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw new IgemException("input file not found: " + file);
            } catch (IOException e) {
                throw new IgemException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return switch (f) {
            case TEXT -> lines(new Utf8Lines(in), raw -> new TextRecord(String.valueOf(raw.line()), "text",
                    (String) raw.payload(), raw.line()), false);
            case JSONL -> lines(new Utf8Lines(in), raw -> json(raw, tf, idField), true);
            case CSV, TSV -> csv(new InputStreamReader(in, StandardCharsets.UTF_8), f == Format.TSV ? '\t' : ',', tf, idField);
            case PARQUET -> throw new IllegalStateException();
        };
    }

    private static Corpus lines(Utf8Lines r, Annotator.Parser parser, boolean skipBlank) {
        Iterator<Raw> it = new Iterator<>() {
            long line;
            Raw next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    String s;
                    try {
                        s = r.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (s == null) {
                        return false;
                    }
                    line++;
                    if (skipBlank && s.isBlank()) {
                        continue;
                    }
                    next = new Raw(line, s, s.length() + 1L);
                }
                return true;
            }

            @Override
            public Raw next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Raw n = next;
                next = null;
                return n;
            }
        };
        return new Corpus(it, parser, r);
    }

    private static TextRecord json(Raw raw, String textField, String idField) {
        JsonNode n;
        try {
            n = JSON.readTree((String) raw.payload());
        } catch (JsonProcessingException e) {
            throw new BadRecordException("invalid JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new BadRecordException("not a JSON object");
        }
        JsonNode t = n.get(textField);
        if (t == null || t.isNull()) {
            throw new BadRecordException("missing field '" + textField + "'");
        }
        if (!t.isTextual()) {
            throw new BadRecordException("field '" + textField + "' is not a string");
        }
        return new TextRecord(id(n.get(idField == null ? "" : idField), idField, raw.line()), textField, t.asText(), raw.line());
    }

    private static String id(JsonNode v, String idField, long line) {
        if (idField == null) {
            return String.valueOf(line);
        }
        if (v == null || v.isNull()) {
            throw new BadRecordException("missing field '" + idField + "'");
        }
        if (v.isContainerNode()) {
            throw new BadRecordException("field '" + idField + "' is not a scalar");
        }
        return v.asText();
    }

    private static Corpus csv(Reader reader, char separator, String textField, String idField) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        MappingIterator<Map<String, String>> it;
        try {
            it = mapper.readerFor(Map.class).with(schema).readValues(reader);
        } catch (IOException e) {
            throw new IgemException("cannot read the CSV header: " + e.getMessage(), e);
        }
        boolean[] checked = {false};
        Iterator<Raw> raws = new Iterator<>() {
            long row;
            Raw next;
            boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                long before = it.getCurrentLocation().getLineNr();
                try {
                    if (!it.hasNextValue()) {
                        done = true;
                        return false;
                    }
                    if (!checked[0]) {
                        checked[0] = true;
                        CsvSchema s = (CsvSchema) it.getParserSchema();
                        List<String> cols = new java.util.ArrayList<>();
                        s.forEach(c -> cols.add(c.getName()));
                        for (String need : idField == null ? List.of(textField) : List.of(textField, idField)) {
                            if (!cols.contains(need)) {
                                throw IgemException.usage("the CSV header has no column '" + need + "' (columns: "
                                        + String.join(", ", cols) + ")");
                            }
                        }
                    }
                    long line = it.getCurrentLocation().getLineNr();
                    Map<String, String> m = it.nextValue();
                    row++;
                    next = new Raw(line, m, m.getOrDefault(textField, "").length() + 1L);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof IgemException ie) {
                        throw ie;
                    }
                    long line = it.getCurrentLocation().getLineNr();
                    if (line <= before) {
                        done = true; // the parser cannot move on: the rest of the file is unreadable
                    }
                    row++;
                    next = new Raw(line, new BadRecordException("malformed CSV (" + firstLine(e.getMessage()) + ")"), 1);
                }
                return true;
            }

            @Override
            public Raw next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Raw n = next;
                next = null;
                return n;
            }
        };
        Annotator.Parser parser = raw -> {
            if (raw.payload() instanceof BadRecordException bad) {
                throw new BadRecordException(bad.getMessage());
            }
            @SuppressWarnings("unchecked")
            Map<String, String> m = (Map<String, String>) raw.payload();
            String text = m.get(textField);
            if (text == null) {
                throw new BadRecordException("missing field '" + textField + "'");
            }
            String id;
            if (idField == null) {
                id = String.valueOf(raw.line());
            } else {
                id = m.get(idField);
                if (id == null) {
                    throw new BadRecordException("missing field '" + idField + "'");
                }
            }
            return new TextRecord(id, textField, text, raw.line());
        };
        return new Corpus(raws, parser, it);
    }

    private static Corpus parquet(Path file, String textField, String idField) {
        ParquetTableReader r = ParquetTableReader.open(file);
        List<String> cols = r.columnNames();
        int t = cols.indexOf(textField);
        int idc = idField == null ? -1 : cols.indexOf(idField);
        if (t < 0 || (idField != null && idc < 0)) {
            r.close();
            throw IgemException.usage("Parquet file " + file + " has no column '" + (t < 0 ? textField : idField)
                    + "' (columns: " + String.join(", ", cols) + ")");
        }
        Iterator<Object[]> rows = r.rows();
        Iterator<Raw> raws = new Iterator<>() {
            long row;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Raw next() {
                Object[] v = rows.next();
                row++;
                Object text = v[t];
                return new Raw(row, v, text instanceof String s ? s.length() + 1L : 1);
            }
        };
        Annotator.Parser parser = raw -> {
            Object[] v = (Object[]) raw.payload();
            if (!(v[t] instanceof String text)) {
                throw new BadRecordException(v[t] == null ? "'" + textField + "' is null" : "'" + textField + "' is not text");
            }
            String id;
            if (idc < 0) {
                id = String.valueOf(raw.line());
            } else if (v[idc] == null) {
                throw new BadRecordException("'" + idField + "' is null");
            } else {
                id = String.valueOf(v[idc]);
            }
            return new TextRecord(id, textField, text, raw.line());
        };
        return new Corpus(raws, parser, r);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable row";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            // input only: nothing to lose
        }
    }
}
