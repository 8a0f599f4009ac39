package io.spillway.connect.kinesis.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.spillway.connect.common.flatten.ConnectInput;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.Flattener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record into the bytes of one Kinesis record, per {@code record.format}. A value that
 * cannot be written throws {@link DataException}, for the error policy.
 */
public final class RecordEncoder {
  /** Airbyte's envelope fields, spelled as Airbyte's Kinesis destination writes them. */
  public static final String AB_ID = "_airbyte_ab_id";

  public static final String DATA = "_airbyte_data";
  public static final String EMITTED_AT = "_airbyte_emitted_at";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final byte[] EMPTY = new byte[0];

  private final RecordFormat format;
  private final Flattener flattener;
  private final ValueJson json = new ValueJson();
  private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);

  /**
   * @param flattener the flattening of {@code record.format=flat}; unused by the other formats
   */
  public RecordEncoder(RecordFormat format, Flattener flattener) {
    this.format = format;
    this.flattener = flattener;
  }

  /** A stable id per Kafka record (topic, partition, offset): a replay gets the same one. */
  public static UUID recordId(SinkRecord record) {
    String position =
        record.originalTopic()
            + "/"
            + record.originalKafkaPartition()
            + "/"
            + record.originalKafkaOffset();
    return UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param recordId the record's id ({@link #recordId}), computed only by the formats that use it
   */
  public byte[] encode(SinkRecord record, Supplier<UUID> recordId) {
    return switch (format) {
      case AIRBYTE -> airbyte(record, recordId.get());
      case FLAT -> flat(record);
      case VALUE -> value(record);
    };
  }

  /** A record that already is a flattened row (say from the Kafka source) is written as it is. */
  private byte[] flat(SinkRecord record) {
    if (FlatRows.isFlatRow(record)) {
      return json.toJson(record.valueSchema(), record.value());
    }
    return json.toJson(null, FlatRows.toMap(flattener.flatten(ConnectInput.of(record))));
  }

  private byte[] airbyte(SinkRecord record, UUID recordId) {
    // JSON text (a string, or UTF-8 bytes) is the data as it is, as Airbyte's record data is.
    Object value = textIfUtf8(record.value());
    String data =
        value instanceof String text && ValueJson.isJsonContainer(text)
            ? text
            : json.toJsonText(value instanceof String ? null : record.valueSchema(), value);
    long emittedAt = record.timestamp() != null ? record.timestamp() : System.currentTimeMillis();
    buffer.reset();
    try (JsonGenerator out = FACTORY.createGenerator(buffer)) {
      out.writeStartObject();
      out.writeStringField(AB_ID, recordId.toString());
      out.writeStringField(DATA, data);
      out.writeNumberField(EMITTED_AT, emittedAt);
      out.writeEndObject();
    } catch (IOException e) {
      throw new DataException("Cannot write the Airbyte envelope: " + e.getMessage(), e);
    }
    return buffer.toByteArray();
  }

  private byte[] value(SinkRecord record) {
    Object value = record.value();
    if (value == null) {
      return EMPTY;
    } else if (value instanceof byte[] bytes) {
      return bytes;
    } else if (value instanceof ByteBuffer bytes) {
      byte[] copy = new byte[bytes.remaining()];
      bytes.duplicate().get(copy);
      return copy;
    } else if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return json.toJson(record.valueSchema(), value);
  }

  /** Raw bytes that are UTF-8 text become that text (JSON payloads embed as JSON), else stay. */
  private static Object textIfUtf8(Object value) {
    if (value instanceof byte[] bytes) {
      try {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        return bytes;
      }
    }
    return value;
  }
}
