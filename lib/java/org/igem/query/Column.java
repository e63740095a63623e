package org.igem.query;

/** A result column: its label and the engine's type name (DuckDB: {@code BIGINT}, PostgreSQL: {@code int8}, ...). */
public record Column(String name, String type) {
}
