package io.spillway.connect.redshift.dialect;

import io.spillway.connect.common.sink.ColumnType;
import java.util.Locale;

/** What kind of value a destination column holds, read from information_schema's data_type. */
public enum SqlKind {
  BOOLEAN,
  SMALLINT,
  INTEGER,
  BIGINT,
  REAL,
  DOUBLE,
  NUMERIC,
  TEXT,
  DATE,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  JSON,
  BINARY,
  OTHER;

  /** The kind of an information_schema.columns data_type (PostgreSQL and Redshift spellings). */
  public static SqlKind ofDataType(String dataType) {
    String type = dataType.trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "boolean" -> BOOLEAN;
      case "smallint" -> SMALLINT;
      case "integer" -> INTEGER;
      case "bigint" -> BIGINT;
      case "real" -> REAL;
      case "double precision" -> DOUBLE;
      case "numeric", "decimal" -> NUMERIC;
      case "character varying", "text", "character", "char", "varchar", "bpchar" -> TEXT;
      case "date" -> DATE;
      case "time without time zone", "time" -> TIME;
      case "timestamp without time zone", "timestamp" -> TIMESTAMP;
      case "timestamp with time zone", "timestamptz" -> TIMESTAMPTZ;
      case "super", "jsonb", "json" -> JSON;
      case "bytea", "binary varying", "varbyte" -> BINARY;
      default -> OTHER;
    };
  }

  /** The record model's type of this kind's values (null for OTHER), for writing by value. */
  public ColumnType columnType() {
    return switch (this) {
      case BOOLEAN -> ColumnType.BOOLEAN;
      case SMALLINT -> ColumnType.INT16;
      case INTEGER -> ColumnType.INT32;
      case BIGINT -> ColumnType.INT64;
      case REAL -> ColumnType.FLOAT32;
      case DOUBLE -> ColumnType.FLOAT64;
      case NUMERIC -> ColumnType.DECIMAL;
      case TEXT -> ColumnType.STRING;
      case DATE -> ColumnType.DATE;
      case TIME -> ColumnType.TIME;
      case TIMESTAMP, TIMESTAMPTZ -> ColumnType.TIMESTAMP;
      case JSON -> ColumnType.JSON;
      case BINARY -> ColumnType.BYTES;
      case OTHER -> null;
    };
  }

  public boolean isInteger() {
    return this == SMALLINT || this == INTEGER || this == BIGINT;
  }
}
