package io.spillway.connect.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The orders stream of the examples (topic shop.orders): JSON orders keyed by id, with a repeated
 * header, updates and deletes, and the table it must end as: key → [status, amount].
 */
final class OrderStream implements AutoCloseable {
  static final String TOPIC = "shop.orders";

  final Map<String, List<Object>> expected = new TreeMap<>();
  private final KafkaProducer<String, String> producer;
  private final Random random = new Random(5);
  private long sent;

  OrderStream(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
    }
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Sends {@code count} changes over {@code keys} keys, one in 15 a delete. */
  void send(int count, int keys) throws Exception {
    for (int i = 0; i < count; i++) {
      String key = "order-" + random.nextInt(keys);
      List<RecordHeader> headers = new ArrayList<>();
      headers.add(new RecordHeader("source", "web".getBytes(StandardCharsets.UTF_8)));
      headers.add(new RecordHeader("source", "checkout".getBytes(StandardCharsets.UTF_8)));
      String value = null;
      if (random.nextInt(15) == 0) {
        expected.remove(key);
      } else {
        String status = "s" + (sent + i);
        double amount = random.nextInt(100_000) / 100.0;
        value = "{\"id\":\"" + key + "\",\"status\":\"" + status + "\",\"amount\":" + amount + "}";
        expected.put(key, List.of(key, status, amount));
      }
      producer.send(new ProducerRecord<>(TOPIC, null, key, value, new ArrayList<>(headers)));
    }
    producer.flush();
    sent += count;
  }

  long sent() {
    return sent;
  }

  @Override
  public void close() {
    producer.close();
  }
}
