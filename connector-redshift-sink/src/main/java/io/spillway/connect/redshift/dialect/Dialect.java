package io.spillway.connect.redshift.dialect;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.redshift.RedshiftSinkConfig;
import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * What differs between Redshift and PostgreSQL: identifier limits, column types, how JSON values
 * are bound, which DDL forms exist, and how staging is loaded. Everything else is shared SQL.
 */
public abstract class Dialect {
  /** Redshift's driver takes at most this many bind parameters per statement. */
  public static final int MAX_BIND_PARAMETERS = 32_767;

  private static final ThreadLocal<Calendar> UTC =
      ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

  protected final int varcharLength;
  protected final NestedAs nestedAs;

  protected Dialect(int varcharLength, NestedAs nestedAs) {
    this.varcharLength = varcharLength;
    this.nestedAs = nestedAs;
  }

  /** The dialect the config names, or the one of its JDBC URL's driver. */
  public static Dialect of(RedshiftSinkConfig config) {
    boolean redshift =
        switch (config.dialect()) {
          case REDSHIFT -> true;
          case POSTGRESQL -> false;
          case AUTO -> config.redshiftUrl();
        };
    return redshift
        ? new RedshiftDialect(config.varcharLength(), config.nestedAs())
        : new PostgresDialect(config.varcharLength(), config.nestedAs());
  }

  public abstract String name();

  /** Longest identifier the database keeps, in UTF-8 bytes. */
  protected abstract int maxIdentifierBytes();

  /**
   * The column a new column for values of this type is: the one rule from the record model's types
   * to this database's (the catalog reports the same data_type, length, precision and scale back).
   */
  public DbColumn planned(String name, ColumnType type, int decimalScale) {
    SqlKind kind =
        switch (type) {
          case BOOLEAN -> SqlKind.BOOLEAN;
          case INT16 -> SqlKind.SMALLINT;
          case INT32 -> SqlKind.INTEGER;
          case INT64 -> SqlKind.BIGINT;
          case FLOAT32 -> SqlKind.REAL;
          case FLOAT64 -> SqlKind.DOUBLE;
          case DECIMAL -> SqlKind.NUMERIC;
          case BYTES -> SqlKind.BINARY;
          case DATE -> SqlKind.DATE;
          case TIME -> SqlKind.TIME;
          case TIMESTAMP -> SqlKind.TIMESTAMPTZ;
          case JSON -> nestedAs == NestedAs.SUPER ? SqlKind.JSON : SqlKind.TEXT;
          case STRING, UNKNOWN -> SqlKind.TEXT;
        };
    String sqlType =
        switch (kind) {
          case BOOLEAN -> "BOOLEAN";
          case SMALLINT -> "SMALLINT";
          case INTEGER -> "INTEGER";
          case BIGINT -> "BIGINT";
          case REAL -> "REAL";
          case DOUBLE -> "DOUBLE PRECISION";
          case NUMERIC -> decimalType(decimalScale);
          case BINARY -> bytesType();
          case DATE -> "DATE";
          case TIME -> "TIME";
          case TIMESTAMP, TIMESTAMPTZ -> "TIMESTAMPTZ";
          case JSON -> jsonType();
          case TEXT, OTHER -> textType();
        };
    Integer maxLength = kind == SqlKind.TEXT && varcharInBytes() ? varcharLength : null;
    Integer precision = kind == SqlKind.NUMERIC ? decimalPrecision() : null;
    Integer scale = precision == null ? null : decimalScale(decimalScale);
    return new DbColumn(name, sqlType, maxLength, kind, precision, scale);
  }

  /** The column for this cell's type (and a decimal's scale). */
  public DbColumn planned(String name, Cell cell) {
    return planned(name, cell.type(), cell.scale());
  }

  /** The column type of decimals of this scale. */
  protected String decimalType(int scale) {
    Integer precision = decimalPrecision();
    return precision == null ? "NUMERIC" : "DECIMAL(" + precision + "," + decimalScale(scale) + ")";
  }

  /** The precision of new decimal columns; null for an unconstrained NUMERIC. */
  protected abstract Integer decimalPrecision();

  private int decimalScale(int scale) {
    Integer precision = decimalPrecision();
    return precision == null ? scale : Math.min(Math.max(scale, 0), precision - 1);
  }

  /** The column type of strings. */
  protected abstract String textType();

  /** The column type of bytes. */
  protected abstract String bytesType();

  /** The column type of nested values with nested.as=super. */
  protected abstract String jsonType();

  /**
   * The statements that widen {@code from} to {@code to} in place, keeping every value (cast) and
   * the column's name, run in one transaction that holds the table's lock.
   */
  public abstract List<String> widenColumn(String table, DbColumn from, DbColumn to);

  /** The expression that converts a value of {@code from} into one of {@code to}, exactly. */
  protected String cast(String column, DbColumn from, DbColumn to) {
    if (from.kind() == SqlKind.REAL && to.kind() == SqlKind.DOUBLE) {
      // Through text, so the real 0.1 becomes the double 0.1, not 0.10000000149011612.
      return "CAST(CAST(" + column + " AS VARCHAR(64)) AS " + to.dataType() + ")";
    }
    if (from.kind() == SqlKind.DATE && to.kind() == SqlKind.TIMESTAMPTZ) {
      return "CAST(" + column + " AS TIMESTAMP) AT TIME ZONE 'UTC'";
    }
    return "CAST(" + column + " AS " + to.dataType() + ")";
  }

  /** Whether staging may be loaded with COPY FROM STDIN (PostgreSQL; Redshift's reads S3). */
  public abstract boolean supportsCopy();

  /** Whether tables get an index on their merge key (PostgreSQL; Redshift has no indexes). */
  public abstract boolean indexesMergeKeys();

  /** Whether ALTER TABLE ... ADD COLUMN IF NOT EXISTS exists. */
  public abstract boolean hasAddColumnIfNotExists();

  /** Whether VARCHAR lengths count bytes (Redshift) rather than characters (PostgreSQL). */
  public abstract boolean varcharInBytes();

  /** The bind placeholder of a value for this column, e.g. a JSON parse around it. */
  public abstract String placeholder(DbColumn column);

  /**
   * The identifier of a field or topic: lower case (as Redshift folds it), without NUL, and
   * shortened with a hash of the full name when longer than the database keeps, so two long names
   * never silently become the same truncated one.
   */
  public String identifier(String name) {
    String folded = name.replace("\u0000", "").toLowerCase(Locale.ROOT);
    byte[] utf8 = folded.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= maxIdentifierBytes()) {
      return folded;
    }
    String suffix = "_" + HexFormat.of().formatHex(sha256(name), 0, 4);
    int keep = maxIdentifierBytes() - suffix.length();
    StringBuilder shortened = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < folded.length(); ) {
      int codePoint = folded.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > keep) {
        break;
      }
      shortened.appendCodePoint(codePoint);
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return shortened + suffix;
  }

  /** A quoted identifier: quotes doubled, so any name is safe in SQL. */
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  public String table(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  /** Binds a cell that {@link CellValues#misfit} accepted for this column, by value. */
  public void bind(PreparedStatement statement, int index, DbColumn column, Cell cell)
      throws SQLException {
    Object value = CellValues.value(cell, column);
    if (value == null) {
      statement.setNull(index, column.kind() == SqlKind.JSON ? Types.VARCHAR : Types.NULL);
      return;
    }
    switch (column.kind()) {
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      case SMALLINT -> statement.setShort(index, ((Number) value).shortValue());
      case INTEGER -> statement.setInt(index, ((Number) value).intValue());
      case BIGINT -> statement.setLong(index, ((Number) value).longValue());
      case REAL -> statement.setFloat(index, ((Number) value).floatValue());
      case DOUBLE -> statement.setDouble(index, ((Number) value).doubleValue());
      case NUMERIC -> statement.setBigDecimal(index, (BigDecimal) value);
      case DATE -> statement.setDate(index, new java.sql.Date(CellValues.millis(value)), UTC.get());
      case TIME -> {
        if (value instanceof LocalTime time) {
          statement.setObject(index, time); // java.sql.Time would drop the microseconds
        } else {
          statement.setTime(index, new java.sql.Time(CellValues.millis(value)), UTC.get());
        }
      }
      case TIMESTAMP, TIMESTAMPTZ ->
          statement.setTimestamp(index, Timestamp.from(CellValues.instant(value)), UTC.get());
      case JSON -> statement.setString(index, CellValues.json(cell));
      case BINARY -> statement.setBytes(index, (byte[]) value);
      case TEXT, OTHER -> statement.setString(index, CellValues.text(cell));
    }
  }

  private static byte[] sha256(String name) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
