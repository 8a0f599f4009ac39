package io.spillway.connect.common.sink;

import io.spillway.connect.common.data.FineTime;
import io.spillway.connect.common.json.JsonText;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads a record's key or value as sink cells: a Struct's fields with their schema types, a
 * schemaless Map's entries with types inferred from their Java values, nested structures as JSON
 * text. A primitive is one cell under the name the caller gives. {@link FineTime} counts become
 * TIMESTAMP or TIME cells holding an exact {@link java.time.Instant} or {@link
 * java.time.LocalTime}.
 */
public final class RowReader {
  private RowReader() {}

  /** The cells of a Struct or Map value; fails for anything else. */
  public static List<Cell> fields(Schema schema, Object value) {
    List<Cell> cells = new ArrayList<>();
    if (value instanceof Struct struct) {
      for (Field field : struct.schema().fields()) {
        cells.add(cell(field.name(), field.schema(), struct.get(field)));
      }
    } else if (value instanceof Map<?, ?> map) {
      Schema valueSchema = schema == null ? null : schema.valueSchema();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String name)) {
          throw new DataException("Map keys must be strings to become columns: " + entry.getKey());
        }
        cells.add(cell(name, valueSchema, entry.getValue()));
      }
    } else {
      throw new DataException(
          "Expected a Struct or a Map with string keys, got "
              + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return cells;
  }

  /** True when the value has named fields, so it can be read with {@link #fields}. */
  public static boolean hasFields(Object value) {
    return value instanceof Struct || value instanceof Map<?, ?>;
  }

  /** One named cell: typed by the schema when there is one, else by the Java value. */
  public static Cell cell(String name, Schema schema, Object value) {
    return schema == null ? inferred(name, value) : typed(name, schema, value);
  }

  private static Cell typed(String name, Schema schema, Object value) {
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      return new Cell(name, ColumnType.DECIMAL, scale, value);
    }
    if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
      return Cell.of(name, ColumnType.DATE, value);
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return Cell.of(name, ColumnType.TIME, value);
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return Cell.of(name, ColumnType.TIMESTAMP, value);
    }
    FineTime fine = FineTime.of(schema);
    if (fine != null) {
      return fineTime(name, fine, value);
    }
    return switch (schema.type()) {
      case BOOLEAN -> Cell.of(name, ColumnType.BOOLEAN, value);
      case INT8 ->
          Cell.of(name, ColumnType.INT16, value == null ? null : (short) (byte) (Byte) value);
      case INT16 -> Cell.of(name, ColumnType.INT16, value);
      case INT32 -> Cell.of(name, ColumnType.INT32, value);
      case INT64 -> Cell.of(name, ColumnType.INT64, value);
      case FLOAT32 -> Cell.of(name, ColumnType.FLOAT32, value);
      case FLOAT64 -> Cell.of(name, ColumnType.FLOAT64, value);
      case STRING -> Cell.of(name, ColumnType.STRING, value);
      case BYTES -> Cell.of(name, ColumnType.BYTES, bytes(value));
      case STRUCT, MAP, ARRAY ->
          Cell.of(name, ColumnType.JSON, value == null ? null : JsonText.of(schema, value));
    };
  }

  /** A micro- or nanosecond count as an exact Instant or LocalTime. */
  private static Cell fineTime(String name, FineTime fine, Object value) {
    ColumnType type = fine.isTimeOfDay() ? ColumnType.TIME : ColumnType.TIMESTAMP;
    try {
      return Cell.of(name, type, value == null ? null : fine.javaTime((Long) value));
    } catch (DateTimeException e) {
      throw new DataException("Field '" + name + "': " + e.getMessage(), e);
    }
  }

  private static Cell inferred(String name, Object value) {
    if (value == null) {
      return Cell.of(name, ColumnType.UNKNOWN, null);
    } else if (value instanceof Boolean) {
      return Cell.of(name, ColumnType.BOOLEAN, value);
    } else if (value instanceof Byte b) {
      return Cell.of(name, ColumnType.INT16, (short) (byte) b);
    } else if (value instanceof Short) {
      return Cell.of(name, ColumnType.INT16, value);
    } else if (value instanceof Integer) {
      return Cell.of(name, ColumnType.INT32, value);
    } else if (value instanceof Long) {
      return Cell.of(name, ColumnType.INT64, value);
    } else if (value instanceof Float) {
      return Cell.of(name, ColumnType.FLOAT32, value);
    } else if (value instanceof Double) {
      return Cell.of(name, ColumnType.FLOAT64, value);
    } else if (value instanceof BigDecimal decimal) {
      return new Cell(name, ColumnType.DECIMAL, Math.max(decimal.scale(), 0), decimal);
    } else if (value instanceof String) {
      return Cell.of(name, ColumnType.STRING, value);
    } else if (value instanceof byte[] || value instanceof ByteBuffer) {
      return Cell.of(name, ColumnType.BYTES, bytes(value));
    } else if (value instanceof Date) {
      return Cell.of(name, ColumnType.TIMESTAMP, value);
    } else if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
      return Cell.of(name, ColumnType.JSON, JsonText.of(null, value));
    }
    throw new DataException(
        "Field '" + name + "' has a value of unsupported type " + value.getClass().getName());
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] out = new byte[copy.remaining()];
      copy.get(out);
      return out;
    }
    return (byte[]) value;
  }
}
