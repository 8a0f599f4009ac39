package io.spillway.connect.common.flatten;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.spillway.connect.common.json.FlatJsonValues;
import io.spillway.connect.common.json.JsonDocumentBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * Writes flattened rows and their {@code {partition, offset}} keys as the exact bytes Kafka's
 * {@link JsonConverter} produces for the typed row ({@link FlatRows#toConnect}) and key ({@link
 * Columns#positionKey}), with or without the schema envelope, but straight from the columns: no
 * Struct, no JSON tree. Each row shape's envelope head is taken once from JsonConverter's own
 * output for its first row, which must end with this class's payload, or that shape (like any shape
 * that is not flat: decimals, bytes, dates) is always written by JsonConverter. Not thread-safe:
 * one per task.
 */
public final class FlatRowJsonWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int CACHE_SIZE = 256;

  /** A flat shape's quoted field names (by field index) and envelope head (empty without). */
  private record ShapeJson(SerializedString[] names, byte[] head) {}

  private static final ShapeJson NOT_FLAT = new ShapeJson(null, null);

  private final boolean schemasEnabled;
  private final boolean packedValueIsMessage;
  private final JsonConverter valueConverter = new JsonConverter();
  private final JsonConverter keyConverter = new JsonConverter();
  private final FlatRows rows = new FlatRows();
  private final FlatJsonValues values = new FlatJsonValues();
  private final Map<Schema, ShapeJson> shapes = new IdentityHashMap<>();
  private final JsonDocumentBuffer buffer = new JsonDocumentBuffer();
  private byte[] keyHead;
  private long fastRows;

  /** A writer with JsonConverter's defaults but {@code schemas.enable}. */
  public FlatRowJsonWriter(FlattenConfig config, boolean schemasEnabled) {
    this(
        config,
        Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, Boolean.toString(schemasEnabled)));
  }

  /**
   * A writer for rows of that flattener config, producing what JsonConverter configured with {@code
   * converterConfig} (say {@code schemas.enable}, {@code decimal.format}) produces.
   */
  public FlatRowJsonWriter(FlattenConfig config, Map<String, String> converterConfig) {
    this.schemasEnabled =
        Boolean.parseBoolean(
            converterConfig.getOrDefault(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"));
    // JSON and text messages are packed as their strict UTF-8 text, unless a policy hashes it
    MessageType type = config.messageType();
    this.packedValueIsMessage =
        (type == MessageType.JSON || type == MessageType.TEXT)
            && !config.columnPolicies().hashes(Columns.VALUE);
    valueConverter.configure(converterConfig, false);
    keyConverter.configure(converterConfig, true);
  }

  /**
   * The row's value bytes. {@code message} is the source record's value as read: when the row's
   * packed {@code value} text was decoded from it (good JSON or text input), its bytes are escaped
   * directly.
   */
  public byte[] value(FlatRecord record, byte[] message) {
    byte[] packedSource = packedValueIsMessage && record.error() == null ? message : null;
    RowSchemaTracker tracker = rows.tracker(record.topic());
    RowSchemaTracker.Shape shape = tracker.shape(record);
    ShapeJson json = shapes.get(shape.schema());
    if (json == null) {
      json = learn(record, shape, tracker.toStruct(record), packedSource);
    }
    if (json == NOT_FLAT) {
      return valueConverter.fromConnectData(
          record.topic(), shape.schema(), tracker.toStruct(record));
    }
    fastRows++;
    return write(json.head(), record, shape, json.names(), packedSource);
  }

  /** Rows written without JsonConverter (for tests). */
  long fastRows() {
    return fastRows;
  }

  /** The bytes of the row's {@code {partition, offset}} key. */
  public byte[] key(FlatRecord record) {
    byte[] payload =
        ("{\"partition\":"
                + record.position().partition()
                + ",\"offset\":"
                + record.position().offset()
                + "}")
            .getBytes(StandardCharsets.US_ASCII);
    if (!schemasEnabled) {
      return payload;
    }
    if (keyHead == null) {
      byte[] full =
          keyConverter.fromConnectData(
              record.topic(), Columns.POSITION_KEY_SCHEMA, Columns.positionKey(record));
      keyHead = headOf(full, payload);
      if (keyHead == null) {
        throw new IllegalStateException("JsonConverter wrote an unexpected key: " + full.length);
      }
    }
    byte[] out = Arrays.copyOf(keyHead, keyHead.length + payload.length + 1);
    System.arraycopy(payload, 0, out, keyHead.length, payload.length);
    out[out.length - 1] = '}';
    return out;
  }

  /**
   * Compares this class's bytes for the shape's first row with JsonConverter's: equal (after the
   * envelope head, when enabled) makes the shape fast; anything else leaves it to JsonConverter.
   */
  private ShapeJson learn(
      FlatRecord record, RowSchemaTracker.Shape shape, Struct struct, byte[] packedSource) {
    if (shapes.size() >= CACHE_SIZE) {
      shapes.clear();
    }
    ShapeJson json = NOT_FLAT;
    if (FlatJsonValues.isFlat(shape.schema())) {
      SerializedString[] names = FlatJsonValues.quotedNames(shape.schema());
      byte[] payload = write(new byte[0], record, shape, names, packedSource);
      byte[] full = valueConverter.fromConnectData(record.topic(), shape.schema(), struct);
      byte[] head = schemasEnabled ? headOf(full, payload) : full;
      if (head != null && (schemasEnabled || Arrays.equals(full, payload))) {
        json = new ShapeJson(names, schemasEnabled ? head : new byte[0]);
      }
    }
    shapes.put(shape.schema(), json);
    return json;
  }

  /** The envelope head: {@code full} less the payload and the closing brace, or null. */
  private static byte[] headOf(byte[] full, byte[] payload) {
    int headLength = full.length - payload.length - 1;
    boolean same =
        headLength > 0
            && full[full.length - 1] == '}'
            && Arrays.equals(full, headLength, full.length - 1, payload, 0, payload.length);
    return same ? Arrays.copyOf(full, headLength) : null;
  }

  private byte[] write(
      byte[] head,
      FlatRecord record,
      RowSchemaTracker.Shape shape,
      SerializedString[] names,
      byte[] packedSource) {
    ByteArrayBuilder buffer = this.buffer.start();
    buffer.write(head, 0, head.length);
    List<FlatColumn> columns = record.columns();
    Field[] fields = shape.fields();
    try (JsonGenerator out = FACTORY.createGenerator(buffer)) {
      out.writeStartObject();
      for (int i = 0; i < fields.length; i++) {
        Field field = fields[i];
        if (field == null) {
          continue; // an untyped null or an overwritten duplicate: not in the schema
        }
        FlatJsonValues.writeName(out, names[field.index()], field.name());
        FlatColumn column = columns.get(i);
        Object value = column.value();
        if (value == null) {
          out.writeNull();
        } else if (packedSource != null && Columns.VALUE.equals(column.name())) {
          values.writeString(out, packedSource, (String) value);
        } else {
          values.writeValue(out, field.schema().type(), value);
        }
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new DataException("Writing the row as JSON failed", e);
    }
    if (head.length > 0) {
      buffer.append('}');
    }
    return this.buffer.finish();
  }
}
