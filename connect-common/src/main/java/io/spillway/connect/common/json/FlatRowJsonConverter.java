package io.spillway.connect.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka's {@link JsonConverter}, byte for byte, but writing flat rows (a Struct of primitive and
 * Timestamp fields, which every flattened row is) straight to bytes with a streaming generator
 * instead of building a JSON tree first, and writing each schema's envelope part once. Anything
 * else (nested values, decimals, bytes, defaults) and every read go to JsonConverter itself, with
 * the same settings: {@code schemas.enable}, {@code decimal.format}, ...
 */
public class FlatRowJsonConverter implements Converter {
  private static final JsonFactory FACTORY = new ObjectMapper().getFactory();
  private static final int SCHEMA_CACHE_SIZE = 64;

  private final JsonConverter delegate = new JsonConverter();
  private final Map<Schema, byte[]> envelopeHeads = new IdentityHashMap<>();
  private final Map<Schema, Boolean> flat = new IdentityHashMap<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private boolean schemasEnabled = true;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
    Object enabled = configs.get(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG);
    schemasEnabled = enabled == null || Boolean.parseBoolean(enabled.toString());
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (!(value instanceof Struct struct) || schema == null || !isFlat(schema)) {
      return delegate.fromConnectData(topic, schema, value);
    }
    buffer.reset();
    try {
      if (schemasEnabled) {
        buffer.write(envelopeHead(topic, schema));
      }
      try (JsonGenerator out = FACTORY.createGenerator(buffer)) {
        writeStruct(out, struct);
      }
      if (schemasEnabled) {
        buffer.write('}');
      }
    } catch (IOException e) {
      throw new DataException("Converting Kafka Connect data to byte[] failed", e);
    }
    return buffer.toByteArray();
  }

  private static void writeStruct(JsonGenerator out, Struct struct) throws IOException {
    out.writeStartObject();
    for (Field field : struct.schema().fields()) {
      out.writeFieldName(field.name());
      Object value = struct.get(field);
      if (value == null) {
        if (!field.schema().isOptional()) {
          throw new DataException(
              "Conversion error: null value for field that is required and has no default value");
        }
        out.writeNull();
        continue;
      }
      switch (field.schema().type()) {
        case INT8 -> out.writeNumber((int) (Byte) value);
        case INT16 -> out.writeNumber((Short) value);
        case INT32 -> out.writeNumber((Integer) value);
        case INT64 -> out.writeNumber(value instanceof Date date ? date.getTime() : (Long) value);
        case FLOAT32 -> out.writeNumber((Float) value);
        case FLOAT64 -> out.writeNumber((Double) value);
        case BOOLEAN -> out.writeBoolean((Boolean) value);
        case STRING -> out.writeString((String) value);
        default -> throw new IllegalStateException("not a flat field: " + field);
      }
    }
    out.writeEndObject();
  }

  /** {"schema":<the schema as JsonConverter writes it>,"payload": */
  private byte[] envelopeHead(String topic, Schema schema) throws IOException {
    byte[] head = envelopeHeads.get(schema);
    if (head == null) {
      if (envelopeHeads.size() >= SCHEMA_CACHE_SIZE) {
        envelopeHeads.clear();
      }
      byte[] schemaJson = new ObjectMapper().writeValueAsBytes(delegate.asJsonSchema(schema));
      ByteArrayOutputStream out = new ByteArrayOutputStream(schemaJson.length + 24);
      out.write("{\"schema\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.write(schemaJson);
      out.write(",\"payload\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      head = out.toByteArray();
      envelopeHeads.put(schema, head);
    }
    return head;
  }

  /** A Struct whose fields are primitives or Timestamps, without defaults. */
  private boolean isFlat(Schema schema) {
    Boolean known = flat.get(schema);
    if (known == null) {
      if (flat.size() >= SCHEMA_CACHE_SIZE) {
        flat.clear();
      }
      known = schema.type() == Schema.Type.STRUCT && schema.defaultValue() == null;
      if (known) {
        for (Field field : schema.fields()) {
          Schema fieldSchema = field.schema();
          boolean primitive =
              fieldSchema.type().isPrimitive() && fieldSchema.type() != Schema.Type.BYTES;
          boolean logical = fieldSchema.name() != null;
          if (!primitive
              || fieldSchema.defaultValue() != null
              || (logical && !Timestamp.LOGICAL_NAME.equals(fieldSchema.name()))) {
            known = false;
            break;
          }
        }
      }
      flat.put(schema, known);
    }
    return known;
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    return delegate.toConnectData(topic, value);
  }

  @Override
  public ConfigDef config() {
    return delegate.config();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
