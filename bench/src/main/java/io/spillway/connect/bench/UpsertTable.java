package io.spillway.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic read as an upsert table (Flink's upsert-kafka reader, a Kafka Streams table): from the
 * start to the end offsets, the last value per key wins, a null value deletes. The flink-upsert
 * row's input (its expected final state) and both contestants' targets are read this way.
 */
final class UpsertTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Key bytes → the last value's bytes; deleted keys absent. */
  final Map<ByteBuffer, byte[]> rows;

  /** Records read, deletes and superseded versions included. */
  final long records;

  private UpsertTable(Map<ByteBuffer, byte[]> rows, long records) {
    this.rows = rows;
    this.records = records;
  }

  static UpsertTable read(String bootstrap, String topic) {
    Map<ByteBuffer, byte[]> rows = new HashMap<>();
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        TopicReader.fromBeginning(bootstrap, topic, 10_000)) {
      List<TopicPartition> partitions = List.copyOf(consumer.assignment());
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() >= end.get(new TopicPartition(topic, record.partition()))) {
            continue;
          }
          records++;
          if (record.value() == null) {
            rows.remove(ByteBuffer.wrap(record.key()));
          } else {
            rows.put(ByteBuffer.wrap(record.key()), record.value());
          }
        }
      }
    }
    return new UpsertTable(rows, records);
  }

  /**
   * Throws unless {@code target} holds exactly this table: the same keys, each with an equal JSON
   * value (field order may differ: the sink's JSON converter hands it a map).
   */
  void verify(UpsertTable target, String who) {
    if (!rows.keySet().equals(target.rows.keySet())) {
      throw new IllegalStateException(
          who + ": " + target.rows.size() + " keys in the target, " + rows.size() + " expected");
    }
    for (Map.Entry<ByteBuffer, byte[]> row : rows.entrySet()) {
      byte[] written = target.rows.get(row.getKey());
      if (!parse(row.getValue()).equals(parse(written))) {
        throw new IllegalStateException(
            who + ": stale or wrong value for a key: " + new String(written) + " expected");
      }
    }
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + new String(json), e);
    }
  }
}
