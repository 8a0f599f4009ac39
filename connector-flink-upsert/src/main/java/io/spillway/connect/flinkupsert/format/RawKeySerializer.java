package io.spillway.connect.flinkupsert.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Flink's {@code raw} format for a one-column key: bytes as they are, anything else as its UTF-8
 * text (Flink's raw STRING). A row of one column is unwrapped first; a row of several is refused.
 */
public final class RawKeySerializer implements RowSerializer {

  @Override
  public byte[] serialize(String topic, Schema schema, Object row) {
    Object value = single(schema, row);
    if (value == null) {
      throw new DataException("raw key: the key field is null");
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Object single(Schema schema, Object row) {
    if (row instanceof Struct struct) {
      if (struct.schema().fields().size() != 1) {
        throw new DataException(
            "raw key holds one field, the key row has " + struct.schema().fields().size());
      }
      return struct.get(struct.schema().fields().get(0));
    }
    if (row instanceof Map<?, ?> map) {
      if (map.size() != 1) {
        throw new DataException("raw key holds one field, the key row has " + map.size());
      }
      return map.values().iterator().next();
    }
    return row;
  }
}
