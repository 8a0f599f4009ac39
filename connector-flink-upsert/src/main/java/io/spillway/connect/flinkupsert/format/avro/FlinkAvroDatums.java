package io.spillway.connect.flinkupsert.format.avro;

import io.spillway.connect.common.avro.AvroTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect values as the Avro datums of {@link FlinkAvroSchemas}' schema, valued as Flink's {@code
 * RowDataToAvroConverters} writes them: DATE as days since the epoch, TIME(3) as milliseconds of
 * the day, TIMESTAMP(3) as epoch milliseconds, DECIMAL as its unscaled two's-complement bytes.
 */
final class FlinkAvroDatums {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private FlinkAvroDatums() {}

  /** The record of a row; {@code avro} is {@link FlinkAvroSchemas#rowSchema} of its schema. */
  static GenericData.Record record(Schema struct, org.apache.avro.Schema avro, Struct row) {
    GenericData.Record record = new GenericData.Record(avro);
    for (Field field : struct.fields()) {
      org.apache.avro.Schema column = avro.getField(field.name()).schema();
      Object value = row.get(field);
      if (value == null && !field.schema().isOptional()) {
        throw new DataException("required column '" + field.name() + "' is null");
      }
      record.put(field.name(), datum(field.schema(), column, value, field.name()));
    }
    return record;
  }

  /**
   * The unscaled bytes at the column's scale. A value with more digits than DECIMAL(p, s) holds is
   * refused: Flink's reader would turn it into null without a word.
   */
  private static ByteBuffer decimal(BigDecimal value, LogicalTypes.Decimal type, String at) {
    BigDecimal scaled;
    try {
      scaled = value.setScale(type.getScale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new DataException(
          "decimal column '"
              + at
              + "': "
              + value
              + " has more than "
              + type.getScale()
              + " decimals");
    }
    if (scaled.precision() > type.getPrecision()) {
      throw new DataException(
          "decimal column '"
              + at
              + "': "
              + value
              + " does not fit DECIMAL("
              + type.getPrecision()
              + ", "
              + type.getScale()
              + ") (set connect.decimal.precision on the Connect schema)");
    }
    return ByteBuffer.wrap(scaled.unscaledValue().toByteArray());
  }

  private static Object datum(Schema schema, org.apache.avro.Schema avro, Object value, String at) {
    if (value == null) {
      return null;
    }
    org.apache.avro.Schema type = AvroTypes.unwrapOptional(avro);
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      return decimal((BigDecimal) value, (LogicalTypes.Decimal) type.getLogicalType(), at);
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return (int) Math.floorDiv(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return (int) Math.floorMod(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return ((java.util.Date) value).getTime();
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32 -> ((Number) value).intValue();
      case INT64, FLOAT32, FLOAT64, BOOLEAN, STRING -> value;
      case BYTES ->
          value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : ((ByteBuffer) value).duplicate();
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (Object item : (List<?>) value) {
          items.add(datum(schema.valueSchema(), type.getElementType(), item, at + "[]"));
        }
        yield items;
      }
      case MAP -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          if (entry.getKey() == null) {
            throw new DataException("map column '" + at + "' has a null key");
          }
          String key = entry.getKey().toString();
          entries.put(
              key, datum(schema.valueSchema(), type.getValueType(), entry.getValue(), at + "{}"));
        }
        yield entries;
      }
      case STRUCT -> record(schema, type, (Struct) value);
    };
  }
}
