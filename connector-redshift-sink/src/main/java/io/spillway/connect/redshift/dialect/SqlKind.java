package io.spillway.connect.redshift.dialect;

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

  public boolean isInteger() {
    return this == SMALLINT || this == INTEGER || this == BIGINT;
  }
}
