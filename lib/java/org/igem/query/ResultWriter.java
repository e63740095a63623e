package org.igem.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a streamed result as text in one of the {@link ResultFormat}s. {@link #finish} ends the
 * document (and, for tables, prints the buffered rows and the row count).
 */
public abstract class ResultWriter implements RowSink {
    protected final Writer out;
    protected List<Column> columns = List.of();

    ResultWriter(Writer out) {
        this.out = out;
    }

    public static ResultWriter of(ResultFormat format, Writer out) {
        return switch (format) {
            case TABLE -> new Table(out);
            case CSV -> new Csv(out);
            case JSON -> new Json(out);
            case PARQUET -> throw org.igem.core.IgemException.usage("--format parquet writes a file: add --output FILE.parquet");
        };
    }

    /** Ends the output; {@code r} says how many rows there were and how many more the limit left out. */
    public abstract void finish(QueryResult r) throws IOException;

    /** A value as text: NULL, numbers as Java prints them (NaN, Infinity), timestamps with a space. */
    static String text(Object v, String nullText) {
        if (v == null) {
            return nullText;
        }
        if (v instanceof LocalDateTime t) {
            return t.toString().replace('T', ' ');
        }
        if (v instanceof OffsetDateTime t) {
            return t.toLocalDateTime().toString().replace('T', ' ') + t.getOffset();
        }
        if (v instanceof byte[] b) {
            return "\\x" + org.igem.core.Hashing.hex(b);
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    @Override
    public void columns(List<Column> columns) {
        this.columns = columns;
    }

    static final class Table extends ResultWriter {
        private final List<String[]> rows = new ArrayList<>();

        Table(Writer out) {
            super(out);
        }

        @Override
        public void row(Object[] values) {
            String[] r = new String[values.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = text(values[i], "NULL").replace("\n", "\\n").replace("\t", " ");
            }
            rows.add(r);
        }

        @Override
        public void finish(QueryResult res) throws IOException {
            int n = columns.size();
            int[] w = new int[n];
            for (int i = 0; i < n; i++) {
                w[i] = columns.get(i).name().length();
                for (String[] r : rows) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            line(sb, columns.stream().map(Column::name).toArray(String[]::new), w);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
            }
            sb.append('\n');
            out.write(sb.toString());
            for (String[] r : rows) {
                sb.setLength(0);
                line(sb, r, w);
                out.write(sb.toString());
            }
            long total = res.rows() + res.more();
            out.write("(" + total + (total == 1 ? " row" : " rows") + ")\n");
            if (res.more() > 0) {
                out.write("… " + res.more() + " more row" + (res.more() == 1 ? "" : "s")
                        + " not shown (--max-rows N, or --output FILE for all)\n");
            }
            out.flush();
        }

        private static void line(StringBuilder sb, String[] cells, int[] w) {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(cells[i]);
                if (i < cells.length - 1) {
                    sb.append(" ".repeat(w[i] - cells[i].length()));
                }
            }
            sb.append('\n');
        }
    }

    static final class Csv extends ResultWriter {
        Csv(Writer out) {
            super(out);
        }

        @Override
        public void columns(List<Column> columns) {
            super.columns(columns);
            write(columns.stream().map(Column::name).toArray());
        }

        @Override
        public void row(Object[] values) {
            write(values);
        }

        private void write(Object[] values) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String s = text(values[i], "");
                boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                        || (values[i] != null && s.isEmpty());   // "" is an empty string, an empty field NULL
                sb.append(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
            }
            sb.append("\r\n");
            try {
                out.write(sb.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish(QueryResult r) throws IOException {
            out.flush();
        }
    }

    static final class Json extends ResultWriter {
        private final JsonGenerator g;

        Json(Writer out) {
            super(out);
            try {
                g = new JsonFactory().createGenerator(out);
                g.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void row(Object[] values) {
            try {
                g.writeRaw('\n');
                g.writeStartObject();
                for (int i = 0; i < values.length; i++) {
                    g.writeFieldName(columns.get(i).name());
                    Object v = values[i];
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                        g.writeString(d.toString());
                    } else if (v instanceof Float f && (f.isNaN() || f.isInfinite())) {
                        g.writeString(f.toString());
                    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                        g.writeNumber(((Number) v).longValue());
                    } else if (v instanceof Double d) {
                        g.writeNumber(d);
                    } else if (v instanceof Float f) {
                        g.writeNumber(f);
                    } else if (v instanceof java.math.BigDecimal d) {
                        g.writeNumber(d);
                    } else if (v instanceof java.math.BigInteger b) {
                        g.writeNumber(b);
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else if (v instanceof byte[] b) {
                        g.writeString(Base64.getEncoder().encodeToString(b));
                    } else if (v instanceof List<?> l) {
                        g.writeStartArray();
                        for (Object o : l) {
                            g.writeString(text(o, null));
                        }
                        g.writeEndArray();
                    } else {
                        g.writeString(v.toString());   // ISO-8601 for timestamps and dates, JSON columns as their text
                    }
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish(QueryResult r) throws IOException {
            g.writeRaw('\n');
            g.writeEndArray();
            g.writeRaw('\n');
            g.flush();
        }
    }
}
