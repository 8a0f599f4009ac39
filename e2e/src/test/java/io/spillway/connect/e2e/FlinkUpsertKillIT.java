package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.spillway.connect.testkit.Await;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The Flink upsert sink on two real distributed workers (4 tasks over a 4-partition input), one
 * killed with SIGKILL mid-stream while upserts, updates and deletes of {@value #KEYS} keys flow:
 * the survivor takes the killed worker's partitions over and replays from their committed offsets.
 * The target, read back with a plain consumer as Flink's upsert reader reads it, ends as exactly
 * the table an independent model of the changes holds: every live key with its latest value, no
 * deleted key, no stale value, every key in its murmur2 partition.
 */
class FlinkUpsertKillIT {
  private static final String TOPIC = "customer-changes";
  private static final String TARGET = "customers-table";
  private static final String CONNECTOR = "customers-flink-upsert";
  private static final int CHANGES = 40_000;
  private static final int KEYS = 2_000;

  @Test
  void twoWorkersOneKilledMidStreamLeaveExactlyTheLatestValuePerKey() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(List.of("connector-flink-upsert"))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
      }
      Worker first = Worker.distributed(kafka, "worker-1", Map.of());
      Worker second = Worker.distributed(kafka, "worker-2", Map.of());
      Map<JsonNode, JsonNode> model = new HashMap<>();
      Random random = new Random(15);
      produce(kafka, 0, CHANGES / 2, random, model);
      second.create(CONNECTOR, connectorConfig(kafka));
      Await.until(
          Duration.ofSeconds(180),
          "the first records in " + TARGET,
          () -> UpsertTopic.read(kafka.bootstrap(), TARGET).records() > 1_000);

      first.process.destroyForcibly(); // kill -9, mid-stream
      first.process.waitFor(30, TimeUnit.SECONDS);
      produce(kafka, CHANGES / 2, CHANGES, random, model);

      UpsertTopic.State state =
          Await.value(
              Duration.ofSeconds(300),
              "the final table of " + model.size() + " keys in " + TARGET,
              () -> UpsertTopic.read(kafka.bootstrap(), TARGET),
              read -> read.table().equals(model),
              read ->
                  read.records()
                      + " records, "
                      + read.table().size()
                      + " live keys, "
                      + differing(read.table(), model)
                      + " keys differ from the model");
      assertEquals(List.of(), state.violations(), "records breaking the upsert-kafka format");
      assertEquals(model, state.table());
      assertEquals("compact", UpsertTopic.cleanupPolicy(kafka.bootstrap(), TARGET));
      System.out.printf(
          "%,d changes of %,d keys → %,d target records, %,d live keys; sink: %s%n",
          CHANGES, KEYS, state.records(), model.size(), second.status(CONNECTOR));
    }
  }

  private static long differing(Map<JsonNode, JsonNode> table, Map<JsonNode, JsonNode> model) {
    Map<JsonNode, JsonNode> all = new HashMap<>(table);
    all.putAll(model);
    return all.keySet().stream()
        .filter(key -> !java.util.Objects.equals(table.get(key), model.get(key)))
        .count();
  }

  /**
   * Changes n in [from, to) of random keys id-<k>: about one in seven deletes (a tombstone), the
   * rest upserts with a new value. {@code model} keeps the table the changes leave: key JSON →
   * value JSON, a deleted key absent.
   */
  private static void produce(
      LocalKafka kafka, int from, int to, Random random, Map<JsonNode, JsonNode> model)
      throws Exception {
    Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrap(), "linger.ms", 10);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int n = from; n < to; n++) {
        String id = "id-" + random.nextInt(KEYS);
        JsonNode key = UpsertTopic.json("{\"id\":\"" + id + "\"}");
        if (random.nextInt(7) == 0) {
          producer.send(new ProducerRecord<>(TOPIC, id, null));
          model.remove(key);
        } else {
          String value =
              String.format(
                  "{\"id\":\"%s\",\"n\":%d,\"name\":\"name-%d\",\"price\":%d.5,\"vip\":%b}",
                  id, n, n, n % 1000, n % 3 == 0);
          producer.send(new ProducerRecord<>(TOPIC, id, value));
          model.put(key, UpsertTopic.json(value));
        }
      }
      producer.flush();
    }
  }

  private static Map<String, String> connectorConfig(LocalKafka kafka) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.spillway.connect.flinkupsert.FlinkUpsertSinkConnector");
    config.put("topics", TOPIC);
    config.put("tasks.max", "4");
    config.put("target.bootstrap.servers", kafka.bootstrap());
    config.put("target.topic", TARGET);
    config.put("key.fields", "id");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }
}
