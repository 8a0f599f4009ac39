package io.spillway.connect.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.Arrays;
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
 * Kafka's {@link JsonConverter}, byte for byte, made fast for flat rows (a Struct of primitive and
 * Timestamp fields, which every flattened row is): writes them with a streaming generator instead
 * of a JSON tree, reads them with a streaming parser against the Connect schema cached by the bytes
 * of the message's schema part, and writes or reads each schema's envelope part once. Anything else
 * (nested values, decimals, bytes, defaults, an unexpected token) goes to JsonConverter itself,
 * configured with the same settings, so results never differ.
 *
 * <p>Only Connect objects and bytes cross to the delegate: in a worker, JsonConverter and its
 * Jackson come from the worker's class path, this class and its Jackson from the plugin.
 */
public class FlatRowJsonConverter implements Converter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int CACHE_SIZE = 64;
  private static final SerializedString[] NOT_FLAT = {};

  private final JsonConverter delegate = new JsonConverter();
  private final Map<Schema, byte[]> envelopeHeads = new IdentityHashMap<>();
  // Per schema: its field names quoted once, or NOT_FLAT for a schema JsonConverter writes.
  private final Map<Schema, SerializedString[]> flatNames = new IdentityHashMap<>();
  private final FlatRowReader reader = new FlatRowReader(FACTORY);
  private final JsonDocumentBuffer buffer = new JsonDocumentBuffer();
  private final FlatJsonValues values = new FlatJsonValues();
  private boolean schemasEnabled = true;
  private long fastReads;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
    Object enabled = configs.get(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG);
    schemasEnabled = enabled == null || Boolean.parseBoolean(enabled.toString());
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    SerializedString[] names = schema == null ? NOT_FLAT : flatNames(schema);
    if (!(value instanceof Struct struct) || names == NOT_FLAT) {
      return delegate.fromConnectData(topic, schema, value);
    }
    byte[] payload = payload(schema, names, struct);
    if (!schemasEnabled) {
      return payload;
    }
    byte[] head = envelopeHeads.get(schema);
    if (head == null) {
      head = learnEnvelopeHead(topic, schema, struct, payload);
      if (head == null) {
        return delegate.fromConnectData(topic, schema, value);
      }
    }
    byte[] out = Arrays.copyOf(head, head.length + payload.length + 1);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    out[out.length - 1] = '}';
    return out;
  }

  private byte[] payload(Schema schema, SerializedString[] names, Struct struct) {
    try (JsonGenerator out = FACTORY.createGenerator(buffer.start())) {
      writeStruct(out, schema, names, struct);
    } catch (IOException e) {
      throw new DataException("Converting Kafka Connect data to byte[] failed", e);
    }
    return buffer.finish();
  }

  /**
   * The {"schema":...,"payload": prefix of JsonConverter's own output for this schema, taken from
   * its output for the first record; null (never fast) if that output does not end with this
   * class's payload, which would mean the two disagree.
   */
  private byte[] learnEnvelopeHead(String topic, Schema schema, Struct struct, byte[] payload) {
    byte[] full = delegate.fromConnectData(topic, schema, struct);
    int headLength = full.length - payload.length - 1;
    boolean same =
        headLength > 0
            && full[full.length - 1] == '}'
            && Arrays.equals(full, headLength, full.length - 1, payload, 0, payload.length);
    if (!same) {
      flatNames.put(schema, NOT_FLAT);
      return null;
    }
    if (envelopeHeads.size() >= CACHE_SIZE) {
      envelopeHeads.clear();
    }
    byte[] head = Arrays.copyOf(full, headLength);
    envelopeHeads.put(schema, head);
    return head;
  }

  /** The schema's fields, as JsonConverter writes them: the schema given, not the Struct's own. */
  private void writeStruct(
      JsonGenerator out, Schema schema, SerializedString[] names, Struct struct)
      throws IOException {
    out.writeStartObject();
    for (Field field : schema.fields()) {
      FlatJsonValues.writeName(out, names[field.index()], field.name());
      Object value = struct.get(field);
      if (value == null) {
        if (!field.schema().isOptional()) {
          throw new DataException(
              "Conversion error: null value for field that is required and has no default value");
        }
        out.writeNull();
      } else {
        values.writeValue(out, field.schema().type(), value);
      }
    }
    out.writeEndObject();
  }

  /**
   * The schema's field names quoted and escaped once, or NOT_FLAT unless it is a Struct of
   * primitive, Timestamp and FineTime (named INT64) fields without defaults.
   */
  private SerializedString[] flatNames(Schema schema) {
    SerializedString[] names = flatNames.get(schema);
    if (names == null) {
      if (flatNames.size() >= CACHE_SIZE) {
        flatNames.clear();
      }
      names = FlatRowReader.isFlat(schema) ? FlatJsonValues.quotedNames(schema) : NOT_FLAT;
      flatNames.put(schema, names);
    }
    return names;
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (schemasEnabled && value != null) {
      SchemaAndValue fast = reader.read(value);
      if (fast != null) {
        fastReads++;
        return fast;
      }
      SchemaAndValue slow = delegate.toConnectData(topic, value);
      reader.learn(value, slow.schema());
      return slow;
    }
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

  /** Messages read without JsonConverter (for tests and curiosity). */
  long fastReads() {
    return fastReads;
  }

  /** The Timestamp logical name, for {@link FlatRowReader}. */
  static boolean isTimestamp(Schema schema) {
    return Timestamp.LOGICAL_NAME.equals(schema.name());
  }
}
