package io.spillway.connect.flinkupsert.it;

import static io.spillway.connect.flinkupsert.it.AvroChanges.key;
import static io.spillway.connect.flinkupsert.it.TargetTopic.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.ConnectorValidation;
import io.spillway.connect.testkit.JmxMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The connector from its plugin archive in a Connect worker, writing to the embedded broker as the
 * target cluster; the target read back with a plain consumer and compared with an independent model
 * of the final table (latest value per key, null for deleted keys).
 */
class FlinkUpsertSinkIT extends ConnectorIT {
  private static final String VALUE_SCHEMA =
      "{\"type\":\"struct\",\"fields\":[{\"field\":\"tenant\",\"type\":\"string\"},"
          + "{\"field\":\"id\",\"type\":\"int64\"},{\"field\":\"name\",\"type\":\"string\","
          + "\"optional\":true},{\"field\":\"amount\",\"type\":\"bytes\",\"name\":"
          + "\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\"}},"
          + "{\"field\":\"at\",\"type\":\"int64\",\"name\":"
          + "\"org.apache.kafka.connect.data.Timestamp\"}]}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Map<String, String> connector(String topic, String target) {
    return connector(topic, target, "tenant,id");
  }

  /** The value envelope; amount 12.34 is base64 of the unscaled 1234 (0x04D2). */
  private static String value(String tenant, long id, String name, long at) {
    return "{\"schema\":"
        + VALUE_SCHEMA
        + ",\"payload\":{\"tenant\":\""
        + tenant
        + "\",\"id\":"
        + id
        + ",\"name\":"
        + (name == null ? "null" : "\"" + name + "\"")
        + ",\"amount\":\"BNI=\",\"at\":"
        + at
        + "}}";
  }

  /** Produces updates and deletes of 30 keys; returns the model: key JSON to value JSON or null. */
  private Map<String, String> produceChanges(String topic, boolean exceptKey, int count) {
    Random random = new Random(7);
    Map<String, String> model = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String tenant = "t" + random.nextInt(3);
      long id = random.nextInt(10);
      String keyJson = "{\"tenant\":\"" + tenant + "\",\"id\":" + id + "}";
      if (random.nextInt(5) == 0) {
        connect.produce(topic, key(tenant, id), null, null);
        model.put(keyJson, null);
      } else {
        String name = random.nextInt(4) == 0 ? null : "n" + i;
        connect.produce(topic, key(tenant, id), value(tenant, id, name, 1704164645678L + i), null);
        String columns =
            "\"name\":"
                + (name == null ? "null" : "\"" + name + "\"")
                + ",\"amount\":12.34,\"at\":\""
                + at(i)
                + "\"}";
        model.put(
            keyJson,
            exceptKey
                ? "{" + columns
                : "{\"tenant\":\"" + tenant + "\",\"id\":" + id + "," + columns);
      }
    }
    return model;
  }

  private static String at(int i) {
    long millis = 678 + i;
    long seconds = 5 + millis / 1000;
    String fraction = String.format("%03d", millis % 1000).replaceAll("0+$", "");
    return String.format("2024-01-02 03:04:%02d", seconds)
        + (fraction.isEmpty() ? "" : "." + fraction);
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return TargetTopic.readAll(connect.kafka(), topic);
  }

  /** The compacted state a reader ends with: latest value per key, null for a tombstone. */
  private static Map<String, String> compacted(List<ConsumerRecord<byte[], byte[]>> records) {
    return TargetTopic.compacted(records, r -> text(r.key()), r -> text(r.value()));
  }

  private static Map<String, JsonNode> parsed(Map<String, String> state) {
    Map<String, JsonNode> rows = new HashMap<>();
    state.forEach(
        (key, value) -> {
          try {
            rows.put(key, value == null ? null : JSON.readTree(value));
          } catch (java.io.IOException e) {
            throw new AssertionError(value, e);
          }
        });
    return rows;
  }

  private void assertFinalState(String target, Map<String, String> model, int partitions) {
    Map<String, String> expected = new HashMap<>(model);
    Await.until(
        Duration.ofSeconds(60),
        "the compacted state of " + target + " equals the model",
        () -> compacted(readAll(target)).equals(expected));
    for (ConsumerRecord<byte[], byte[]> record : readAll(target)) {
      assertEquals(
          TargetTopic.murmur2Partition(record.key(), partitions),
          record.partition(),
          "key " + text(record.key()) + " in murmur2's partition");
    }
  }

  @Test
  void upsertsUpdatesAndDeletesEndAsTheModelTable() throws Exception {
    connect.createTopic("orders", 3);
    Map<String, String> model = produceChanges("orders", false, 400);
    connect.configureConnector("orders-upsert", connector("orders", "orders-table"));
    connect.awaitConnectorRunning("orders-upsert", 2);
    assertFinalState("orders-table", model, 3);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", connect.kafka()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "orders-table");
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertEquals("compact", config.get("cleanup.policy").value());
    }
    Await.until(
        Duration.ofSeconds(30),
        "task metrics over JMX",
        () ->
            JmxMetrics.sum("orders-upsert", "records-received-total") == 400
                && JmxMetrics.sum("orders-upsert", "changes-acknowledged-total") > 0
                && JmxMetrics.sum("orders-upsert", "records-outstanding") == 0);
    connect.deleteConnector("orders-upsert");
  }

  @Test
  void exceptKeyLeavesTheKeyFieldsOutOfTheValue() {
    connect.createTopic("payments", 2);
    Map<String, String> model = produceChanges("payments", true, 200);
    Map<String, String> config = connector("payments", "payments-table");
    config.put("value.fields-include", "EXCEPT_KEY");
    config.put("target.partitions", "4");
    connect.configureConnector("payments-upsert", config);
    connect.awaitConnectorRunning("payments-upsert", 2);
    assertFinalState("payments-table", model, 4);
    connect.deleteConnector("payments-upsert");
  }

  @Test
  void standardModeKeepsEveryRecordInOrderPerKey() {
    connect.createTopic("clicks", 2);
    Map<String, List<String>> perKey = new HashMap<>();
    for (int i = 0; i < 150; i++) {
      String tenant = "t" + (i % 2);
      long id = i % 5;
      connect.produce(
          "clicks", key(tenant, id), value(tenant, id, "c" + i, 1704164645678L + i), null);
      perKey
          .computeIfAbsent(
              "{\"tenant\":\"" + tenant + "\",\"id\":" + id + "}", k -> new ArrayList<>())
          .add("c" + i);
    }
    Map<String, String> config = connector("clicks", "clicks-events");
    config.put("mode", "standard");
    connect.configureConnector("clicks-standard", config);
    connect.awaitConnectorRunning("clicks-standard", 2);
    List<ConsumerRecord<byte[], byte[]>> records =
        Await.value(
            Duration.ofSeconds(60),
            "150 events",
            () -> readAll("clicks-events"),
            list -> list.size() >= 150);
    Map<String, List<String>> read = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      String value = text(record.value());
      String name = value.replaceAll(".*\"name\":\"(c\\d+)\".*", "$1");
      read.computeIfAbsent(text(record.key()), k -> new ArrayList<>()).add(name);
    }
    assertEquals(perKey, read, "every record, in order per key");
    connect.deleteConnector("clicks-standard");
  }

  @Test
  void missingKeyFieldGoesToTheDeadLetterQueue() {
    connect.createTopic("bad-dlq", 1);
    connect.produce("bad-dlq", null, "{\"id\":1,\"name\":\"a\"}", null);
    connect.produce("bad-dlq", null, "{\"name\":\"no id\"}", null);
    connect.produce("bad-dlq", null, "{\"id\":2,\"name\":\"b\"}", null);
    Map<String, String> config = schemaless("bad-dlq", "bad-dlq-table");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", "bad-dlq-errors");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    connect.configureConnector("bad-dlq-upsert", config);
    List<ConsumerRecord<byte[], byte[]>> dlq =
        connect.consume("bad-dlq-errors", 1, Duration.ofSeconds(60));
    assertEquals("{\"name\":\"no id\"}", text(dlq.get(0).value()));
    // Schemaless JSON arrives as a HashMap: compare the rows, not their column order.
    Await.until(
        Duration.ofSeconds(60),
        "the two good records in the target",
        () ->
            parsed(compacted(readAll("bad-dlq-table")))
                .equals(
                    parsed(
                        Map.of(
                            "{\"id\":1}",
                            "{\"id\":1,\"name\":\"a\"}",
                            "{\"id\":2}",
                            "{\"id\":2,\"name\":\"b\"}"))));
    connect.deleteConnector("bad-dlq-upsert");
  }

  @Test
  void missingKeyFieldFailsTheTaskNamingItsPosition() {
    connect.createTopic("bad-fail", 1);
    connect.produce("bad-fail", null, "{\"id\":1,\"name\":\"a\"}", null);
    connect.produce("bad-fail", null, "{\"name\":\"no id\"}", null);
    connect.configureConnector("bad-fail-upsert", schemaless("bad-fail", "bad-fail-table"));
    String trace = failedTaskTrace("bad-fail-upsert", Duration.ofSeconds(60));
    assertTrue(trace.contains("bad-fail") && trace.contains("offset 1"), trace);
    assertTrue(trace.contains("key field id is missing"), trace);
    connect.deleteConnector("bad-fail-upsert");
  }

  @Test
  void existingTargetThatIsNotCompactedFailsValidation() throws Exception {
    connect.createTopic("plain-in", 1);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", connect.kafka()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("plain-target", 1, (short) 1)
                      .configs(Map.of("cleanup.policy", "delete"))))
          .all()
          .get();
    }
    Map<String, String> config = connector("plain-in", "plain-target");
    config.put("name", "plain");
    ConnectorValidation validation = connect.validate(CONNECTOR, config);
    assertEquals(1, validation.errorCount(), validation.errors().toString());
    assertTrue(validation.mentions("target.topic"), validation.errors().toString());
    assertTrue(
        validation.errors().get(0).contains("cleanup.policy=delete"),
        validation.errors().toString());
  }

  private Map<String, String> schemaless(String topic, String target) {
    Map<String, String> config = connector(topic, target);
    config.put("key.fields", "id");
    config.put("tasks.max", "1");
    config.put("value.converter.schemas.enable", "false");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }
}
