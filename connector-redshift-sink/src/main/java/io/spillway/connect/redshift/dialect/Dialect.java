package io.spillway.connect.redshift.dialect;

import io.spillway.connect.common.sink.Cell;
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
import java.util.Calendar;
import java.util.HexFormat;
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

  /** The SQL type of a new column made for this cell. */
  public String columnType(Cell cell) {
    return switch (cell.type()) {
      case BOOLEAN -> "BOOLEAN";
      case INT16 -> "SMALLINT";
      case INT32 -> "INTEGER";
      case INT64 -> "BIGINT";
      case FLOAT32 -> "REAL";
      case FLOAT64 -> "DOUBLE PRECISION";
      case DECIMAL -> "DECIMAL(38," + Math.min(Math.max(cell.scale(), 0), 37) + ")";
      case BYTES -> bytesType();
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> "TIMESTAMPTZ";
      case JSON -> nestedAs == NestedAs.SUPER ? jsonType() : textType();
      case STRING, UNKNOWN -> textType();
    };
  }

  /** The column type of strings. */
  protected abstract String textType();

  /** The column type of bytes. */
  protected abstract String bytesType();

  /** The column type of nested values with nested.as=super. */
  protected abstract String jsonType();

  /** The column {@link #columnType} creates for this cell, as the catalog will then report it. */
  public DbColumn planned(String name, Cell cell) {
    String sqlType = columnType(cell);
    SqlKind kind =
        switch (cell.type()) {
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
    Integer maxLength = kind == SqlKind.TEXT && varcharInBytes() ? varcharLength : null;
    return new DbColumn(name, sqlType, maxLength, kind);
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

  /** Binds a cell that {@link CellValues#misfit} accepted for this column. */
  public void bind(PreparedStatement statement, int index, DbColumn column, Cell cell)
      throws SQLException {
    Object value = cell.value();
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
      case NUMERIC ->
          statement.setBigDecimal(
              index,
              value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString()));
      case DATE -> statement.setDate(index, new java.sql.Date(CellValues.millis(value)), UTC.get());
      case TIME -> statement.setTime(index, new java.sql.Time(CellValues.millis(value)), UTC.get());
      case TIMESTAMP, TIMESTAMPTZ ->
          statement.setTimestamp(index, new Timestamp(CellValues.millis(value)), UTC.get());
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
