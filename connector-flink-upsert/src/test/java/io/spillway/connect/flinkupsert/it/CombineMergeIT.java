package io.spillway.connect.flinkupsert.it;

import static io.spillway.connect.flinkupsert.it.TargetTopic.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.ConnectorValidation;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.EmbeddedConnectBuilder;
import io.spillway.connect.testkit.JmxMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * combine=merge on two Connect workers: orders and shipments (co-partitioned, keyed by order id)
 * merged into one event per order; a worker stops mid-stream, its partitions move, and the state is
 * rebuilt from the target: shipments arriving after the stop still carry the order columns. The
 * target is read back with a plain consumer and its compacted state compared with an independent
 * model (latest columns of each stream per order, gone after a tombstone).
 */
class CombineMergeIT extends ConnectorIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The model: target key JSON to the merged row, or null once deleted. */
  private final Map<String, ObjectNode> model = new HashMap<>();

  @Override
  EmbeddedConnectBuilder workers() {
    return EmbeddedConnect.builder()
        .workers(2)
        // Tasks of a stopped worker move at once instead of after the default 5 minutes.
        .workerProp("scheduled.rebalance.max.delay.ms", "1000");
  }

  private Map<String, String> connector(String inputs, String target) {
    Map<String, String> config = connector(inputs, target, "order_id");
    config.put("combine", "merge");
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  private void order(long id, String customer, long amount) {
    String row =
        "{\"order_id\":" + id + ",\"customer\":\"" + customer + "\",\"amount\":" + amount + "}";
    produce("orders", id, row);
  }

  private void shipment(long id, String carrier, String status) {
    String row =
        "{\"order_id\":" + id + ",\"carrier\":\"" + carrier + "\",\"status\":\"" + status + "\"}";
    produce("shipments", id, row);
  }

  private void delete(String topic, long id) {
    connect.produce(topic, String.valueOf(id), null, null);
    model.put(targetKey(id), null);
  }

  /** Keyed by the order id: the default partitioner puts an order in the same p of both. */
  private void produce(String topic, long id, String row) {
    connect.produce(topic, String.valueOf(id), row, null);
    ObjectNode merged = model.get(targetKey(id));
    if (merged == null) {
      merged = JSON.createObjectNode();
      model.put(targetKey(id), merged);
    }
    merged.setAll((ObjectNode) parse(row));
  }

  private static String targetKey(long id) {
    return "{\"order_id\":" + id + "}";
  }

  @Test
  void ordersAndShipmentsMergeIntoOneEventPerOrderAcrossAWorkerStop() {
    connect.createTopic("orders", 3);
    connect.createTopic("shipments", 3);
    for (long id = 0; id < 60; id++) {
      order(id, "c" + id, 100 + id);
    }
    for (long id = 0; id < 30; id++) {
      shipment(id, id % 2 == 0 ? "ups" : "dhl", "packed");
    }
    for (long id = 0; id < 10; id++) {
      order(id, "c" + id + "-renamed", 200 + id); // replaces the order columns only
    }
    for (long id = 50; id < 55; id++) {
      delete(id % 2 == 0 ? "orders" : "shipments", id); // either input deletes the order
    }
    connect.configureConnector("order-events", connector("orders,shipments", "order-events"));
    connect.awaitConnectorRunning("order-events", 2);
    assertTargetEqualsModel("order-events", 3);

    // A worker stops mid-stream: every partition is revoked and reassigned, the state rebuilt.
    connect.cluster().removeWorker();
    for (long id = 30; id < 50; id++) {
      shipment(id, "fedex", "shipped"); // late shipments of orders written before the stop
    }
    for (long id = 0; id < 30; id++) {
      shipment(id, id % 2 == 0 ? "ups" : "dhl", "delivered");
    }
    shipment(50, "ups", "shipped"); // a deleted order comes back with shipment columns only
    order(55, "c55-late", 555);
    connect.awaitConnectorRunning("order-events", 2, Duration.ofSeconds(90));
    assertTargetEqualsModel("order-events", 3);
    Map<String, JsonNode> rows = compacted(readAll("order-events"));
    for (long id = 30; id < 50; id++) {
      JsonNode row = rows.get(targetKey(id));
      assertEquals("c" + id, row.path("customer").asText(), "order columns kept: " + row);
      assertEquals("shipped", row.path("status").asText(), "late shipment columns: " + row);
    }
    assertEquals(
        parse("{\"order_id\":50,\"carrier\":\"ups\",\"status\":\"shipped\"}"),
        rows.get(targetKey(50)));
    assertTrue(
        JmxMetrics.sum("order-events", "combine-rebuilt-records-total") > 0,
        "the state was rebuilt from the target");

    // The worker comes back: another rebalance, the state rebuilt again, nothing lost.
    connect.cluster().addWorker();
    for (long id = 0; id < 60; id += 7) {
      order(id, "c" + id + "-final", 900 + id);
    }
    assertTargetEqualsModel("order-events", 3);
    connect.deleteConnector("order-events");
  }

  @Test
  void inputsWithDifferentPartitionCountsFailValidation() {
    connect.createTopic("carts", 3);
    connect.createTopic("payments", 2);
    Map<String, String> config = connector("carts,payments", "cart-events");
    config.put("name", "carts");
    ConnectorValidation validation = connect.validate(CONNECTOR, config);
    assertEquals(1, validation.errorCount(), validation.errors().toString());
    assertTrue(validation.mentions("topics"), validation.errors().toString());
    String error = validation.errors().get(0);
    assertTrue(
        error.contains("co-partitioned")
            && error.contains("carts has 3 partitions")
            && error.contains("payments has 2 partitions"),
        error);
  }

  @Test
  void aTargetWithAnotherPartitionCountFailsValidation() {
    connect.createTopic("visits", 2);
    connect.createTopic("signups", 2);
    Map<String, String> config = connector("visits,signups", "visit-events");
    config.put("name", "visits");
    config.put("target.partitions", "4");
    ConnectorValidation validation = connect.validate(CONNECTOR, config);
    assertEquals(1, validation.errorCount(), validation.errors().toString());
    assertTrue(validation.mentions("target.partitions"), validation.errors().toString());
    assertTrue(validation.errors().get(0).contains("visits has 2 partitions"));
  }

  @Test
  void anAssignmentStrategyOtherThanRangeFailsValidationSayingWhatToSet() {
    connect.createTopic("views", 2);
    connect.createTopic("likes", 2);
    Map<String, String> config = connector("views,likes", "view-events");
    config.put("name", "views");
    config.put(
        "consumer.override.partition.assignment.strategy",
        "org.apache.kafka.clients.consumer.RoundRobinAssignor");
    ConnectorValidation validation = connect.validate(CONNECTOR, config);
    assertTrue(
        validation.mentions("consumer.override.partition.assignment.strategy"),
        validation.errors().toString());
    assertTrue(
        validation
            .errors()
            .toString()
            .contains(
                "set consumer.override.partition.assignment.strategy="
                    + "org.apache.kafka.clients.consumer.RangeAssignor"),
        validation.errors().toString());
  }

  private void assertTargetEqualsModel(String target, int partitions) {
    Map<String, JsonNode> expected = new HashMap<>(model);
    Await.until(
        Duration.ofSeconds(90),
        "the compacted state of " + target + " equals the model",
        () -> compacted(readAll(target)).equals(expected));
    for (ConsumerRecord<byte[], byte[]> record : readAll(target)) {
      long id = Long.parseLong(parse(text(record.key())).path("order_id").asText());
      byte[] inputKey = String.valueOf(id).getBytes(StandardCharsets.UTF_8);
      assertEquals(
          TargetTopic.murmur2Partition(inputKey, partitions),
          record.partition(),
          "order " + id + " in the partition of its input records");
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    return TargetTopic.readAll(connect.kafka(), topic);
  }

  /** The compacted state a reader ends with: latest row per key, null for a tombstone. */
  private static Map<String, JsonNode> compacted(List<ConsumerRecord<byte[], byte[]>> records) {
    return TargetTopic.compacted(
        records, r -> text(r.key()), r -> r.value() == null ? null : parse(text(r.value())));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
