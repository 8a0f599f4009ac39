package io.spillway.connect.common.flatten;

import io.spillway.connect.common.RecordPosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;

/** Builders for raw test records and flattener configs. */
public final class Inputs {
  public static final long TIMESTAMP = 1_700_000_000_123L;

  private Inputs() {}

  public static RawRecord raw(String topic, int partition, long offset, String key, String value) {
    return raw(topic, partition, offset, bytes(key), bytes(value), List.of());
  }

  public static RawRecord raw(
      String topic, int partition, long offset, byte[] key, byte[] value, List<Header> headers) {
    return new RawRecord(
        new RecordPosition(topic, partition, offset),
        TIMESTAMP,
        TimestampType.CREATE_TIME,
        key,
        value,
        headers);
  }

  public static Header header(String key, String value) {
    return new RecordHeader(key, bytes(value));
  }

  public static List<Header> headers(String... keys) {
    List<Header> headers = new ArrayList<>();
    for (String key : keys) {
      headers.add(header(key, key + "-value-" + headers.size()));
    }
    return headers;
  }

  public static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  public static Flattener flattener(String... keyValues) {
    return new Flattener(config(keyValues));
  }

  public static FlattenConfig config(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return new FlattenConfig(props);
  }

  public static List<String> names(FlatRecord record) {
    return record.columns().stream().map(FlatColumn::name).toList();
  }
}
