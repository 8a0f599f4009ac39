package io.spillway.connect.common.avro;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.spillway.connect.common.flatten.ValueText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro datums as plain JSON text (not Avro's JSON encoding: unions are not wrapped), with logical
 * types readable: decimals as numbers, dates, times and timestamps as ISO-8601, bytes as base64.
 */
public final class AvroJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private AvroJson() {}

  public static String of(Schema schema, Object datum) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      write(generator, schema, datum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static void write(JsonGenerator out, Schema schema, Object datum) throws IOException {
    if (datum == null) {
      out.writeNull();
      return;
    }
    switch (schema.getType()) {
      case UNION ->
          write(out, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), datum);
      case RECORD -> {
        GenericRecord record = (GenericRecord) datum;
        out.writeStartObject();
        for (Schema.Field field : schema.getFields()) {
          out.writeFieldName(field.name());
          write(out, field.schema(), record.get(field.pos()));
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (Object element : (Iterable<?>) datum) {
          write(out, schema.getElementType(), element);
        }
        out.writeEndArray();
      }
      case MAP -> {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
          out.writeFieldName(entry.getKey().toString());
          write(out, schema.getValueType(), entry.getValue());
        }
        out.writeEndObject();
      }
      default -> writeScalar(out, schema, datum);
    }
  }

  private static void writeScalar(JsonGenerator out, Schema schema, Object datum)
      throws IOException {
    org.apache.kafka.connect.data.Schema type = AvroTypes.connectType(schema);
    Object value = AvroTypes.connectValue(schema, datum);
    if (value instanceof BigDecimal decimal) {
      out.writeNumber(decimal);
    } else if (value instanceof Date) {
      out.writeString(ValueText.of(type, value));
    } else if (value instanceof byte[] bytes) {
      out.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Integer i) {
      out.writeNumber(i);
    } else if (value instanceof Long l) {
      out.writeNumber(l);
    } else if (value instanceof Float f) {
      out.writeNumber(f);
    } else if (value instanceof Double d) {
      out.writeNumber(d);
    } else if (schema.getType() == Schema.Type.NULL) {
      out.writeNull();
    } else {
      out.writeString(value.toString());
    }
  }
}
