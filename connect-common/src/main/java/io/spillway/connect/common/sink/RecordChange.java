package io.spillway.connect.common.sink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What one sink record asks of its destination, in destination-neutral cells: write the value's
 * cells under the key, or delete the key. Built by {@link KeyPicker}.
 *
 * @param key the primary key cells in key order, never null-valued; empty under pk.mode=none
 * @param value the value's cells (a key field also appears here when the value has it); empty for a
 *     delete
 */
public record RecordChange(SinkRecord record, boolean delete, List<Cell> key, List<Cell> value) {

  /**
   * The key's values, comparable with equals (bytes wrapped), e.g. for a {@link ReducingBuffer}.
   */
  public List<Object> keyValues() {
    if (key.isEmpty()) {
      return null;
    }
    List<Object> values = new ArrayList<>(key.size());
    for (Cell cell : key) {
      values.add(cell.value() instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : cell.value());
    }
    return values;
  }
}
