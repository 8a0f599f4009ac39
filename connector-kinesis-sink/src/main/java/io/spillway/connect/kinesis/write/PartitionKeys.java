package io.spillway.connect.kinesis.write;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The Kinesis partition key of a record, per {@code partition.key}. Kinesis hashes it to pick the
 * shard and keeps each shard in order, so equal keys stay in order. Keys are 1 to 256 characters:
 * an empty or longer key is replaced by its SHA-256 (hex), which keeps equal keys equal.
 */
public final class PartitionKeys {
  private static final int MAX_LENGTH = 256;

  private final PartitionKeyMode mode;
  private final ValueJson json = new ValueJson();

  public PartitionKeys(PartitionKeyMode mode) {
    this.mode = mode;
  }

  public String of(SinkRecord record, Supplier<UUID> recordId) {
    String key =
        switch (mode.kind()) {
          case UUID -> null;
          case RECORD_KEY -> text(record.key(), record);
          case TOPIC_PARTITION -> record.originalTopic() + "-" + record.originalKafkaPartition();
          case FIELD -> text(field(record.value()), record);
        };
    if (key == null) {
      return recordId.get().toString();
    }
    return key.isEmpty() || key.length() > MAX_LENGTH ? sha256(key) : key;
  }

  private Object field(Object value) {
    if (value instanceof Struct struct) {
      Field field = struct.schema().field(mode.field());
      return field == null ? null : struct.get(field);
    }
    if (value instanceof Map<?, ?> map) {
      return map.get(mode.field());
    }
    return null;
  }

  private String text(Object value, SinkRecord record) {
    if (value == null) {
      return null;
    } else if (value instanceof String text) {
      return text;
    } else if (value instanceof byte[] bytes) {
      try {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        return Base64.getEncoder().encodeToString(bytes);
      }
    } else if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return json.toJsonText(
        mode.kind() == PartitionKeyMode.Kind.RECORD_KEY ? record.keySchema() : null, value);
  }

  private static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
