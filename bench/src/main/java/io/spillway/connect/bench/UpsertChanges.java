package io.spillway.connect.bench;

import io.spillway.connect.testkit.EmbeddedConnect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A topic of upsert changes, as the sink rows read it: {@code records} changes (JSON with schemas,
 * key {@code {id}}) of 10 columns over {@code keys} random keys, 4 partitions; the {@code seq}
 * column is the change's index, so the final state is one row per key whose {@code seq} is that
 * key's last change, and {@code note} repeats seq and id (checked row by row).
 */
record UpsertChanges(String topic, int records, int keys, long bytes, long liveRows, long seqSum) {
  static final int PARTITIONS = 4;
  static final String TABLE = "bench_orders";
  static final String KEY_SCHEMA =
      "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"}],\"optional\":false}";
  static final String VALUE_SCHEMA =
      "{\"type\":\"struct\",\"optional\":false,\"fields\":["
          + "{\"field\":\"id\",\"type\":\"int64\"},"
          + "{\"field\":\"seq\",\"type\":\"int64\"},"
          + "{\"field\":\"status\",\"type\":\"string\"},"
          + "{\"field\":\"amount\",\"type\":\"double\"},"
          + "{\"field\":\"qty\",\"type\":\"int32\"},"
          + "{\"field\":\"customer\",\"type\":\"string\"},"
          + "{\"field\":\"city\",\"type\":\"string\"},"
          + "{\"field\":\"flag\",\"type\":\"boolean\"},"
          + "{\"field\":\"note\",\"type\":\"string\"},"
          + "{\"field\":\"score\",\"type\":\"double\"}]}";
  private static final String[] STATUSES = {"NEW", "PAID", "PICKED", "SHIPPED", "DELIVERED"};
  private static final String[] CITIES = {"Lyon", "Porto", "Leeds", "Graz", "Turku", "Gent"};

  /** Creates the topic and produces the changes (seeded: the same every run). */
  static UpsertChanges produce(EmbeddedConnect connect, String topic, int records, int keys)
      throws Exception {
    connect.createTopic(topic, PARTITIONS);
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    long[] lastSeq = new long[keys];
    Arrays.fill(lastSeq, -1);
    Random random = new Random(42);
    long bytes = 0;
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int seq = 0; seq < records; seq++) {
        int id = random.nextInt(keys);
        lastSeq[id] = seq;
        byte[] key =
            ("{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] value = value(random, id, seq).getBytes(StandardCharsets.UTF_8);
        bytes += key.length + value.length;
        pending.add(producer.send(new ProducerRecord<>(topic, key, value)));
        if (pending.size() >= 10_000) {
          for (Future<RecordMetadata> future : pending) {
            future.get();
          }
          pending.clear();
        }
      }
      producer.flush();
      for (Future<RecordMetadata> future : pending) {
        future.get();
      }
    }
    long live = 0;
    long sum = 0;
    for (long seq : lastSeq) {
      if (seq >= 0) {
        live++;
        sum += seq;
      }
    }
    return new UpsertChanges(topic, records, keys, bytes, live, sum);
  }

  private static String value(Random random, int id, int seq) {
    return String.format(
        Locale.ROOT,
        "{\"schema\":%s,\"payload\":{\"id\":%d,\"seq\":%d,\"status\":\"%s\","
            + "\"amount\":%.2f,\"qty\":%d,\"customer\":\"customer-%d\",\"city\":\"%s\","
            + "\"flag\":%b,\"note\":\"note %d for order %d\",\"score\":%.4f}}",
        VALUE_SCHEMA,
        id,
        seq,
        STATUSES[random.nextInt(STATUSES.length)],
        random.nextInt(1_000_000) / 100.0,
        random.nextInt(100),
        random.nextInt(50_000),
        CITIES[random.nextInt(CITIES.length)],
        random.nextBoolean(),
        seq,
        id,
        random.nextDouble());
  }

  BenchRow.DataSet dataSet() {
    return new BenchRow.DataSet(
        records,
        bytes,
        String.format(Locale.ROOT, "%,d keys (%,d live rows at the end)", keys, liveRows),
        "upsert changes of 10 columns, JSON with schemas (key {id}), "
            + PARTITIONS
            + " partitions, into one local PostgreSQL; timed from the connector's creation (the"
            + " loop's start) until the table holds exactly the final state");
  }
}
