package io.spillway.connect.common.avro;

import com.fasterxml.jackson.core.JsonGenerator;
import io.spillway.connect.common.json.JsonText;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro datums as plain JSON text (not Avro's JSON encoding: unions are not wrapped), with logical
 * types readable: decimals as numbers, dates, times and timestamps as ISO-8601, bytes as base64.
 */
public final class AvroJson {
  private AvroJson() {}

  public static String of(Schema schema, Object datum) {
    return JsonText.render(generator -> write(generator, schema, datum));
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
    JsonText.write(out, AvroTypes.connectType(schema), AvroTypes.connectValue(schema, datum));
  }
}
