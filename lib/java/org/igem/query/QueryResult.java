package org.igem.query;

import java.util.List;

/**
 * What a streamed query delivered: its columns, the rows passed to the sink and how many further rows
 * the result had beyond the row limit ({@code more}; 0 when it was not cut).
 */
public record QueryResult(List<Column> columns, long rows, long more) {
}
