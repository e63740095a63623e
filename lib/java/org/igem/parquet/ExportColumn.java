package org.igem.parquet;

import java.util.Locale;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * One exported column: its SQL type as the catalog declares it and the Parquet type it is written
 * as. The mapping (one for each engine, applied from the catalog) is:
 *
 * <table>
 * <tr><th>PostgreSQL</th><th>SQLite (declared type)</th><th>Parquet</th><th>manifest type</th></tr>
 * <tr><td>smallint, integer</td><td>-</td><td>INT32</td><td>int32</td></tr>
 * <tr><td>bigint</td><td>anything containing INT</td><td>INT64</td><td>int64</td></tr>
 * <tr><td>boolean</td><td>BOOLEAN / BOOL</td><td>BOOLEAN</td><td>bool</td></tr>
 * <tr><td>real, double precision</td><td>REAL, FLOAT, DOUBLE</td><td>DOUBLE</td><td>double</td></tr>
 * <tr><td>numeric(p,s)</td><td>-</td><td>DECIMAL(p,s) on INT32 / INT64 / FIXED_LEN_BYTE_ARRAY</td><td>decimal128(p, s)</td></tr>
 * <tr><td>numeric (no precision)</td><td>-</td><td>BINARY STRING: the exact decimal text (an unbounded numeric has no fixed scale, so no Parquet DECIMAL holds every value, and a DOUBLE keeps 17 digits)</td><td>string</td></tr>
 * <tr><td>-</td><td>NUMERIC, DECIMAL</td><td>DOUBLE (SQLite itself stores such values as 64-bit REAL or INTEGER)</td><td>double</td></tr>
 * <tr><td>date</td><td>DATE</td><td>INT32 DATE</td><td>date32[day]</td></tr>
 * <tr><td>timestamp</td><td>DATETIME, TIMESTAMP (text 'YYYY-MM-DD HH:MM:SS[.ffffff]')</td><td>INT64 TIMESTAMP(MICROS, UTC=false)</td><td>timestamp[us]</td></tr>
 * <tr><td>timestamptz</td><td>-</td><td>INT64 TIMESTAMP(MICROS, UTC=true)</td><td>timestamp[us, tz=UTC]</td></tr>
 * <tr><td>bytea</td><td>BLOB</td><td>BINARY</td><td>binary</td></tr>
 * <tr><td>text, varchar, char, enums, json(b), arrays, vector, uuid, anything else</td><td>anything else (VARCHAR, TEXT, JSON, VECTOR, …)</td><td>BINARY STRING (the value's text form)</td><td>string</td></tr>
 * </table>
 *
 * SQLite INTEGER columns are INT64 because SQLite integers are 64-bit (the PostgreSQL schema
 * declares several of them bigint). NOT NULL columns are REQUIRED, all others OPTIONAL.
 * {@code userDefined}: a PostgreSQL type from CREATE TYPE or an extension (enum, vector, ...), whose
 * values pgjdbc only ever receives as text.
 */
public record ExportColumn(String name, String sqlType, Kind kind, int precision, int scale, boolean nullable,
                           boolean userDefined) {

    /** How a column's values are read from JDBC and written to Parquet. */
    public enum Kind { INT32, INT64, BOOLEAN, DOUBLE, DECIMAL, DATE, TIMESTAMP, TIMESTAMP_UTC, STRING, BINARY }

    /** Maps a PostgreSQL column from information_schema.columns (data_type, udt_name, numeric precision/scale). */
    public static ExportColumn postgres(String name, String dataType, String udtName, Integer precision, Integer scale,
                                        boolean nullable) {
        String t = dataType.toLowerCase(Locale.ROOT);
        String sqlType = t.equals("user-defined") || t.equals("array") ? udtName : t;
        Kind kind = switch (t) {
            case "smallint", "integer" -> Kind.INT32;
            case "bigint" -> Kind.INT64;
            case "boolean" -> Kind.BOOLEAN;
            case "real", "double precision" -> Kind.DOUBLE;
            // an unbounded numeric has no fixed scale (each value has its own) and up to 131072 digits:
            // no Parquet DECIMAL holds it, a DOUBLE keeps 17 digits; its exact text form is lossless
            case "numeric" -> precision != null && precision > 0 ? Kind.DECIMAL : Kind.STRING;
            case "date" -> Kind.DATE;
            case "timestamp without time zone" -> Kind.TIMESTAMP;
            case "timestamp with time zone" -> Kind.TIMESTAMP_UTC;
            case "bytea" -> Kind.BINARY;
            default -> Kind.STRING;
        };
        if (kind == Kind.DECIMAL) {
            sqlType = "numeric(" + precision + "," + (scale == null ? 0 : scale) + ")";
            return new ExportColumn(name, sqlType, kind, precision, scale == null ? 0 : scale, nullable, false);
        }
        return new ExportColumn(name, sqlType, kind, 0, 0, nullable, t.equals("user-defined"));
    }

    /** Maps a SQLite column from its declared type (PRAGMA table_info). */
    public static ExportColumn sqlite(String name, String declared, boolean nullable) {
        String t = declared == null ? "" : declared.toUpperCase(Locale.ROOT).trim();
        Kind kind;
        if (t.startsWith("BOOL")) {
            kind = Kind.BOOLEAN;
        } else if (t.contains("INT")) {
            kind = Kind.INT64;
        } else if (t.startsWith("DATETIME") || t.startsWith("TIMESTAMP")) {
            kind = Kind.TIMESTAMP;
        } else if (t.equals("DATE")) {
            kind = Kind.DATE;
        } else if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.startsWith("NUMERIC")
                || t.startsWith("DECIMAL")) {
            kind = Kind.DOUBLE;
        } else if (t.equals("BLOB")) {
            kind = Kind.BINARY;
        } else {
            kind = Kind.STRING;
        }
        return new ExportColumn(name, declared == null ? "" : declared, kind, 0, 0, nullable, false);
    }

    /** The physical type a DECIMAL is stored as: INT32 up to 9 digits, INT64 up to 18, fixed bytes beyond. */
    public PrimitiveTypeName decimalPhysical() {
        return precision <= 9 ? PrimitiveTypeName.INT32
                : precision <= 18 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    }

    /** Bytes of a FIXED_LEN_BYTE_ARRAY decimal of this precision (smallest two's complement that fits). */
    public int decimalBytes() {
        java.math.BigInteger limit = java.math.BigInteger.TEN.pow(precision);
        int n = 1;
        while (java.math.BigInteger.ONE.shiftLeft(8 * n - 1).compareTo(limit) < 0) {
            n++;
        }
        return n;
    }

    /** The Parquet field of this column. */
    public PrimitiveType parquetType() {
        Repetition rep = nullable ? Repetition.OPTIONAL : Repetition.REQUIRED;
        return switch (kind) {
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
            case DECIMAL -> {
                var b = Types.primitive(decimalPhysical(), rep)
                        .as(LogicalTypeAnnotation.decimalType(scale, precision));
                if (decimalPhysical() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                    b = b.length(decimalBytes());
                }
                yield b.named(name);
            }
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(name);
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(name);
            case TIMESTAMP_UTC -> Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
        };
    }

    /** The type as manifest.json names it (Arrow's names, as pyarrow prints them). */
    public String manifestType() {
        return switch (kind) {
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOLEAN -> "bool";
            case DOUBLE -> "double";
            case DECIMAL -> "decimal128(" + precision + ", " + scale + ")";
            case DATE -> "date32[day]";
            case TIMESTAMP -> "timestamp[us]";
            case TIMESTAMP_UTC -> "timestamp[us, tz=UTC]";
            case STRING -> "string";
            case BINARY -> "binary";
        };
    }
}
