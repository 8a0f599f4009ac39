package io.spillway.connect.flinkupsert.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Flink's {@code json} format: a compact JSON object, columns in row order, {@code "f":null} for
 * nulls. Timestamps in Flink's SQL form ({@code 2024-01-02 03:04:05.678}, trailing zeros of the
 * fraction dropped, no fraction when zero) or ISO-8601 ({@code T}); dates {@code 2024-01-02}; times
 * {@code 03:04:05[.fff]}; decimals as JSON numbers, by default as Flink writes them (trailing zeros
 * stripped, {@code BigDecimal.toString}: {@code 12345.60} as {@code 12345.6}, {@code 1000} as
 * {@code 1E+3}), or with {@code encode.decimal-as-plain-number} in plain notation with the value's
 * scale ({@code 12345.60}); bytes base64; arrays, maps and structs nested.
 */
public final class JsonRowSerializer implements RowSerializer {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Flink's SQL_TIME_FORMAT: seconds always, fraction only as far as it is not zero. */
  private static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter();

  private static final DateTimeFormatter SQL_TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .append(TIME)
          .toFormatter();

  private static final DateTimeFormatter ISO_TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .append(TIME)
          .toFormatter();

  private final DateTimeFormatter timestamps;
  private final boolean decimalsPlain;

  /** Decimals as Flink's json format writes them by default. */
  public JsonRowSerializer(TimestampStandard standard) {
    this(standard, false);
  }

  /**
   * @param decimalsPlain Flink's {@code json.encode.decimal-as-plain-number}
   */
  public JsonRowSerializer(TimestampStandard standard, boolean decimalsPlain) {
    this.timestamps = standard == TimestampStandard.SQL ? SQL_TIMESTAMP : ISO_TIMESTAMP;
    this.decimalsPlain = decimalsPlain;
  }

  @Override
  public byte[] serialize(String topic, Schema schema, Object row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, schema, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void write(JsonGenerator json, Schema schema, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (schema == null) {
      writeSchemaless(json, value);
    } else if (schema.name() != null && writeLogical(json, schema.name(), value)) {
      return;
    } else {
      writeTyped(json, schema, value);
    }
  }

  private boolean writeLogical(JsonGenerator json, String logical, Object value)
      throws IOException {
    switch (logical) {
      case org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME ->
          json.writeString(timestamp((Date) value));
      case org.apache.kafka.connect.data.Date.LOGICAL_NAME ->
          json.writeString(DateTimeFormatter.ISO_LOCAL_DATE.format(utc((Date) value)));
      case org.apache.kafka.connect.data.Time.LOGICAL_NAME ->
          json.writeString(
              TIME.format(LocalTime.ofNanoOfDay(((Date) value).getTime() * 1_000_000L)));
      case org.apache.kafka.connect.data.Decimal.LOGICAL_NAME ->
          writeDecimal(json, (BigDecimal) value);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void writeTyped(JsonGenerator json, Schema schema, Object value) throws IOException {
    switch (schema.type()) {
      case INT8, INT16, INT32 -> json.writeNumber(((Number) value).intValue());
      case INT64 -> json.writeNumber(((Number) value).longValue());
      case FLOAT32 -> json.writeNumber(((Number) value).floatValue());
      case FLOAT64 -> json.writeNumber(((Number) value).doubleValue());
      case BOOLEAN -> json.writeBoolean((Boolean) value);
      case STRING -> json.writeString((String) value);
      case BYTES -> json.writeBinary(bytes(value));
      case ARRAY -> {
        json.writeStartArray();
        for (Object element : (Collection<?>) value) {
          write(json, schema.valueSchema(), element);
        }
        json.writeEndArray();
      }
      case MAP -> {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          json.writeFieldName(String.valueOf(entry.getKey()));
          write(json, schema.valueSchema(), entry.getValue());
        }
        json.writeEndObject();
      }
      case STRUCT -> {
        Struct struct = (Struct) value;
        json.writeStartObject();
        for (Field field : schema.fields()) {
          json.writeFieldName(field.name());
          write(json, field.schema(), struct.get(field));
        }
        json.writeEndObject();
      }
      default -> throw new DataException("No JSON form for Connect type " + schema.type());
    }
  }

  /** Schemaless values as the JSON converter hands them over, plus dates as timestamps. */
  private void writeSchemaless(JsonGenerator json, Object value) throws IOException {
    if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else if (value instanceof Float number) {
      json.writeNumber(number);
    } else if (value instanceof Double number) {
      json.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      writeDecimal(json, number);
    } else if (value instanceof BigInteger number) {
      json.writeNumber(number);
    } else if (value instanceof byte[] || value instanceof ByteBuffer) {
      json.writeBinary(bytes(value));
    } else if (value instanceof Date date) {
      json.writeString(timestamp(date));
    } else if (value instanceof Struct struct) {
      writeTyped(json, struct.schema(), struct);
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        write(json, null, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        write(json, null, element);
      }
      json.writeEndArray();
    } else {
      throw new DataException("No JSON form for a value of " + value.getClass().getName());
    }
  }

  private String timestamp(Date date) {
    return timestamps.format(utc(date));
  }

  private static LocalDateTime utc(Date date) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(date.getTime()), ZoneOffset.UTC);
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    return (byte[]) value;
  }

  /**
   * Flink's writer puts a decimal through Jackson's default (non-exact) node factory, which strips
   * trailing zeros (zero stays 0); with decimal-as-plain-number its node keeps the scale and is
   * written in plain notation.
   */
  private void writeDecimal(JsonGenerator json, BigDecimal value) throws IOException {
    if (decimalsPlain) {
      json.writeNumber(value.toPlainString());
    } else if (value.signum() == 0) {
      json.writeNumber(0);
    } else {
      json.writeNumber(value.stripTrailingZeros().toString());
    }
  }
}
