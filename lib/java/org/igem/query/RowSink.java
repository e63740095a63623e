package org.igem.query;

import java.util.List;

/**
 * Receives a query's result as it streams: the columns once, then every row (values normalised by
 * {@link SqlQuery}: Integer/Long/Double/Boolean/String/BigDecimal/LocalDate/LocalDateTime/OffsetDateTime,
 * JSON as its text, NULL as null). The array passed to {@link #row} is fresh per row.
 */
public interface RowSink {
    void columns(List<Column> columns);

    void row(Object[] values);
}
