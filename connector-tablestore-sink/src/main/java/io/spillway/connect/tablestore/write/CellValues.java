package io.spillway.connect.tablestore.write;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.common.sink.RejectedRecordException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect values as Tablestore attribute values. Without a whitelist each cell keeps its own type
 * (see {@link #typeOf}); a whitelisted column takes the type the whitelist names: a typed cell
 * (from a schema) must already have it, a schemaless cell is converted to it when it can be, as the
 * aliyun connector does.
 */
public final class CellValues {
  private CellValues() {}

  /**
   * The Tablestore type a cell is written as: booleans BOOLEAN; integers, Date (days since epoch),
   * Time (milliseconds of the day) and Timestamp (epoch milliseconds) INTEGER; floats DOUBLE;
   * strings, decimals (exact text) and nested structures (JSON text) STRING; bytes BINARY.
   */
  public static AttributeType typeOf(ColumnType type) {
    return switch (type) {
      case BOOLEAN -> AttributeType.BOOLEAN;
      case INT16, INT32, INT64, DATE, TIME, TIMESTAMP -> AttributeType.INTEGER;
      case FLOAT32, FLOAT64 -> AttributeType.DOUBLE;
      case DECIMAL, STRING, JSON, UNKNOWN -> AttributeType.STRING;
      case BYTES -> AttributeType.BINARY;
    };
  }

  /** The cell's value in its own type; null for a null cell. */
  public static ColumnValue of(Cell cell) {
    Object value = cell.value();
    if (value == null) {
      return null;
    }
    return switch (cell.type()) {
      case BOOLEAN -> ColumnValue.fromBoolean((Boolean) value);
      case INT16, INT32, INT64 -> ColumnValue.fromLong(((Number) value).longValue());
      case FLOAT32 -> ColumnValue.fromDouble(Double.parseDouble(value.toString()));
      case FLOAT64 -> ColumnValue.fromDouble((Double) value);
      case DECIMAL -> ColumnValue.fromString(((BigDecimal) value).toPlainString());
      case STRING, JSON, UNKNOWN -> ColumnValue.fromString(value.toString());
      case BYTES -> ColumnValue.fromBinary((byte[]) value);
      case DATE -> ColumnValue.fromLong(Math.floorDiv(((Date) value).getTime(), 86_400_000L));
      case TIME -> ColumnValue.fromLong(millisOfDay(value));
      case TIMESTAMP -> ColumnValue.fromLong(epochMillis(value));
    };
  }

  /**
   * The cell's value as a whitelisted column of {@code type}.
   *
   * @param typed whether the cell's type comes from a schema (then it must match exactly)
   * @throws RejectedRecordException when it does not fit
   */
  public static ColumnValue as(Cell cell, AttributeType type, boolean typed) {
    if (cell.value() == null) {
      return null;
    }
    if (typed) {
      AttributeType own = typeOf(cell.type());
      if (own != type) {
        throw new RejectedRecordException(
            "column '"
                + cell.name()
                + "' is "
                + type
                + " in the whitelist but the record has "
                + own
                + " ("
                + cell.type()
                + ")");
      }
      return of(cell);
    }
    Object value = cell.value();
    try {
      return switch (type) {
        case STRING -> ColumnValue.fromString(of(cell).getValue().toString());
        case INTEGER -> ColumnValue.fromLong(Values.convertToLong(null, value));
        case DOUBLE -> ColumnValue.fromDouble(Values.convertToDouble(null, value));
        case BOOLEAN -> ColumnValue.fromBoolean(Values.convertToBoolean(null, value));
        case BINARY ->
            ColumnValue.fromBinary(
                value instanceof byte[] bytes
                    ? bytes
                    : value.toString().getBytes(StandardCharsets.UTF_8));
      };
    } catch (DataException | ClassCastException | NumberFormatException e) {
      throw new RejectedRecordException(
          "column '"
              + cell.name()
              + "' is "
              + type
              + " in the whitelist but the record has '"
              + value
              + "'",
          e);
    }
  }

  private static long millisOfDay(Object value) {
    if (value instanceof LocalTime time) {
      return time.toNanoOfDay() / 1_000_000L;
    }
    return Math.floorMod(((Date) value).getTime(), 86_400_000L);
  }

  private static long epochMillis(Object value) {
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    return ((Date) value).getTime();
  }
}
