package io.spillway.connect.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.spillway.connect.common.data.FineTime;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Writes Connect values (Struct, Map, List, primitives, bytes, decimals, dates) as JSON text: the
 * form of nested objects and arrays in unpacked rows and of a whole Struct in packed rows. Dates,
 * times and timestamps (also {@link FineTime} counts) are ISO-8601 strings with every digit.
 */
public final class JsonText {
  public static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonText() {}

  /** Writes one JSON document with the given writer. */
  public interface Writer {
    void write(JsonGenerator generator) throws IOException;
  }

  public static String of(Schema schema, Object value) {
    return render(generator -> write(generator, schema, value));
  }

  public static String render(Writer writer) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static void write(JsonGenerator out, Schema schema, Object value) throws IOException {
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
      Schema valueSchema =
          schema == null || schema.type() != Schema.Type.MAP ? null : schema.valueSchema();
      out.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.writeFieldName(String.valueOf(entry.getKey()));
        write(out, valueSchema, entry.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof List<?> list) {
      Schema elementSchema =
          schema == null || schema.type() != Schema.Type.ARRAY ? null : schema.valueSchema();
      out.writeStartArray();
      for (Object element : list) {
        write(out, elementSchema, element);
      }
      out.writeEndArray();
    } else {
      writeScalar(out, schema, value);
    }
  }

  private static void writeScalar(JsonGenerator out, Schema schema, Object value)
      throws IOException {
    if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      FineTime fine = FineTime.of(schema);
      if (fine == null) {
        out.writeNumber(l);
      } else {
        out.writeString(fine.text(l));
      }
    } else if (value instanceof Float f) {
      out.writeNumber(f);
    } else if (value instanceof Double d) {
      out.writeNumber(d);
    } else if (value instanceof BigDecimal d) {
      out.writeNumber(d);
    } else if (value instanceof byte[] bytes) {
      out.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof ByteBuffer || value instanceof Date) {
      out.writeString(ValueText.of(schema, value));
    } else {
      out.writeString(String.valueOf(value));
    }
  }
}
