package io.spillway.connect.kinesis.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes a Connect value (Struct, Map, List, primitives, logical types; with or without schema) as
 * JSON: timestamps as epoch milliseconds, dates and times as ISO text, decimals as numbers, bytes
 * as base64. Text that already is a JSON object or array is embedded as it is. Anything JSON cannot
 * carry (NaN, a Java object no converter makes) is a {@link DataException}: the error policy's.
 */
public final class ValueJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);

  /** The value as JSON bytes. */
  public byte[] toJson(Schema schema, Object value) {
    buffer.reset();
    try (JsonGenerator out = FACTORY.createGenerator(buffer)) {
      write(out, schema, value);
    } catch (IOException e) {
      throw new DataException("Cannot write the value as JSON: " + e.getMessage(), e);
    }
    return buffer.toByteArray();
  }

  /** The value as JSON text. */
  public String toJsonText(Schema schema, Object value) {
    return new String(toJson(schema, value), StandardCharsets.UTF_8);
  }

  private void write(JsonGenerator out, Schema schema, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof Struct struct) {
      out.writeStartObject();
      for (Field field : struct.schema().fields()) {
        out.writeFieldName(field.name());
        write(out, field.schema(), struct.get(field));
      }
      out.writeEndObject();
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String || entry.getKey() instanceof Number)) {
          throw new DataException("A map key of " + className(entry.getKey()) + " has no JSON");
        }
        out.writeFieldName(entry.getKey().toString());
        write(out, schema == null ? null : schema.valueSchema(), entry.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      out.writeStartArray();
      for (Object item : list) {
        write(out, schema == null ? null : schema.valueSchema(), item);
      }
      out.writeEndArray();
    } else if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof byte[] bytes) {
      out.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof ByteBuffer bytes) {
      byte[] copy = new byte[bytes.remaining()];
      bytes.duplicate().get(copy);
      out.writeString(Base64.getEncoder().encodeToString(copy));
    } else {
      writeScalar(out, schema, value);
    }
  }

  private static void writeScalar(JsonGenerator out, Schema schema, Object value)
      throws IOException {
    if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new DataException("The number " + d + " has no JSON representation");
      }
      out.writeNumber(d);
    } else if (value instanceof BigDecimal decimal) {
      out.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      out.writeNumber(integer);
    } else if (value instanceof Number number) {
      out.writeNumber(number.longValue());
    } else if (value instanceof Date date) {
      String logical = schema == null ? Timestamp.LOGICAL_NAME : schema.name();
      if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(logical)) {
        out.writeString(date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString());
      } else if (Time.LOGICAL_NAME.equals(logical)) {
        out.writeString(date.toInstant().atOffset(ZoneOffset.UTC).toLocalTime().toString());
      } else {
        out.writeNumber(date.getTime());
      }
    } else {
      throw new DataException("A value of " + className(value) + " has no JSON representation");
    }
  }

  /** True when the text is one complete JSON object or array. */
  public static boolean isJsonContainer(String text) {
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    if (start == text.length() || (text.charAt(start) != '{' && text.charAt(start) != '[')) {
      return false;
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      parser.nextToken();
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String className(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }
}
