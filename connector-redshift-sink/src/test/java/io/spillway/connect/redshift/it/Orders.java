package io.spillway.connect.redshift.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A stream of order changes as JSON with a schema envelope (what JsonConverter with
 * schemas.enable=true reads), keyed by order id, and the table it must end as.
 */
final class Orders implements AutoCloseable {
  private static final String SCHEMA =
      "{\"type\":\"struct\",\"fields\":["
          + "{\"field\":\"id\",\"type\":\"int64\"},"
          + "{\"field\":\"status\",\"type\":\"string\"},"
          + "{\"field\":\"amount\",\"type\":\"double\"}]}";

  /** The final row of every live key: id → [id, status, amount]. */
  final Map<Long, List<Object>> expected = new TreeMap<>();

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  Orders(String bootstrapServers, String topic) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Idempotence is off: in a one-broker test cluster, sends racing a new topic's leader
    // election can wedge on OUT_OF_ORDER_SEQUENCE_NUMBER. Ordering holds with one request in
    // flight per connection.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  static String json(long id, String status, double amount) {
    return "{\"schema\":"
        + SCHEMA
        + ",\"payload\":{\"id\":"
        + id
        + ",\"status\":\""
        + status
        + "\",\"amount\":"
        + amount
        + "}}";
  }

  void upsert(long id, String status, double amount) {
    send(id, json(id, status, amount));
    expected.put(id, List.of(id, status, amount));
  }

  void delete(long id) {
    send(id, null);
    expected.remove(id);
  }

  /** A record that never becomes a row (it goes to the dead letter queue). */
  void raw(long id, String value) {
    send(id, value);
  }

  private void send(long id, String value) {
    pending.add(
        producer.send(
            new ProducerRecord<>(
                topic,
                Long.toString(id).getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8))));
  }

  void flush() throws ExecutionException, InterruptedException {
    producer.flush();
    for (Future<RecordMetadata> future : pending) {
      future.get();
    }
    pending.clear();
  }

  @Override
  public void close() {
    producer.close();
  }
}
