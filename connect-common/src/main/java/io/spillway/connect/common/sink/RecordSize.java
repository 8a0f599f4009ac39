package io.spillway.connect.common.sink;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A cheap estimate of the memory a buffered record's data takes: one walk of its key, value and
 * headers, strings and bytes by their length, other scalars at a fixed size. It ignores object
 * headers and sharing, so it is a floor of the heap used, not an exact measure: a buffer bounded by
 * it ({@code batch.max.bytes}) bounds memory within a small factor.
 */
public final class RecordSize {
  /** A record's fixed cost: the SinkRecord, its topic and position, the buffer entry. */
  static final long RECORD_OVERHEAD = 128;

  private static final long SCALAR = 8;

  private RecordSize() {}

  public static long estimate(SinkRecord record) {
    long size = RECORD_OVERHEAD + of(record.key()) + of(record.value());
    for (Header header : record.headers()) {
      size += header.key().length() + of(header.value());
    }
    return size;
  }

  /** The estimated size of one Connect value: Struct, Map, List, String, bytes or a scalar. */
  public static long of(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String text) {
      return text.length();
    }
    if (value instanceof byte[] bytes) {
      return bytes.length;
    }
    if (value instanceof ByteBuffer buffer) {
      return buffer.remaining();
    }
    if (value instanceof Struct struct) {
      long size = 0;
      // By field, not by name: no lookup per field (a null field counts its default, if any).
      for (Field field : struct.schema().fields()) {
        size += SCALAR + of(struct.get(field));
      }
      return size;
    }
    if (value instanceof Map<?, ?> map) {
      long size = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        size += of(entry.getKey()) + of(entry.getValue());
      }
      return size;
    }
    if (value instanceof Collection<?> list) {
      long size = 0;
      for (Object element : list) {
        size += SCALAR + of(element);
      }
      return size;
    }
    return SCALAR;
  }
}
