package io.spillway.connect.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The source records the Kafka source e2e chains replicate: {@link #RECORDS} keyed JSON records on
 * {@link #SOURCE_TOPIC}, each with the header "trace" twice; record {@link #TOMBSTONE} has no
 * value.
 */
final class ShopEvents {
  static final String SOURCE_TOPIC = "shop.events";
  static final int RECORDS = 3_000;
  static final int TOMBSTONE = 1_234;

  /** A source record as the producer sent it, with the position the broker gave it. */
  record Sent(int partition, long offset, long timestamp, String key, String value, String trace) {}

  private ShopEvents() {}

  /** Produces the records to {@code bootstrap}; returns them in the order sent. */
  static List<Sent> produce(String bootstrap) throws InterruptedException, ExecutionException {
    // Not idempotent, one request in flight (order kept): produced right after the topic is
    // created, an idempotent producer can meet NOT_LEADER_OR_FOLLOWER and then retry
    // OUT_OF_ORDER_SEQUENCE_NUMBER until its records expire.
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers",
            bootstrap,
            "linger.ms",
            10,
            "acks",
            "all",
            "enable.idempotence",
            false,
            "max.in.flight.requests.per.connection",
            1);
    List<Sent> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int n = 0; n < RECORDS; n++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", ("t-" + n).getBytes(StandardCharsets.UTF_8));
        headers.add("trace", "second".getBytes(StandardCharsets.UTF_8));
        acks.add(
            producer.send(new ProducerRecord<>(SOURCE_TOPIC, null, key(n), value(n), headers)));
      }
      for (int n = 0; n < RECORDS; n++) {
        RecordMetadata at = acks.get(n).get();
        sent.add(new Sent(at.partition(), at.offset(), at.timestamp(), key(n), value(n), "t-" + n));
      }
    }
    return sent;
  }

  static String key(int n) {
    return "customer-" + n % 97;
  }

  static String value(int n) {
    return n == TOMBSTONE ? null : "{\"n\":" + n + ",\"item\":\"book-" + n + "\"}";
  }
}
