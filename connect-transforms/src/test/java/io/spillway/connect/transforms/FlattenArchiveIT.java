package io.spillway.connect.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.RecordingSink;
import io.spillway.connect.testkit.RecordingSinkConnector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Installs the built connect-transforms archive into a Connect worker's plugin.path, runs a real
 * sink with the Flatten SMT configured through the REST API and checks every flattened row.
 */
class FlattenArchiveIT {
  private static final String FLATTEN = "io.spillway.connect.transforms.Flatten";
  private static final String TOPIC = "orders";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static Header header(String key, String value) {
    return new RecordHeader(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void flattenFromTheArchiveFlattensWhatARealSinkReceives() throws Exception {
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName(FLATTEN),
        "Flatten must come from the plugin archive, not from the test classpath");

    try (EmbeddedConnect connect =
        EmbeddedConnect.builder().workers(1).modulePluginArchive().start()) {
      assertTrue(connect.connectorPlugins(false).contains(FLATTEN), "the worker lists Flatten");

      connect.createTopic(TOPIC, 1);
      connect.produce(
          TOPIC,
          utf8("k1"),
          utf8("{\"id\":1,\"name\":\"Ann\",\"tags\":[1,2]}"),
          header("a", "1"),
          header("a", "2"),
          header("b", null));
      connect.produce(TOPIC, utf8("k2"), utf8("{\"id\":2.5,\"extra\":true}"));
      connect.produce(TOPIC, utf8("k3"), utf8("{not json"));
      connect.produce(TOPIC, utf8("k4"), null);

      Map<String, String> config = new HashMap<>();
      config.put("connector.class", RecordingSinkConnector.class.getName());
      config.put("tasks.max", "1");
      config.put("topics", TOPIC);
      config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
      config.put("transforms", "flat");
      config.put("transforms.flat.type", FLATTEN);
      config.put("transforms.flat.flatten.mode", "unpacked");
      config.put("errors.tolerance", "all");
      config.put("errors.deadletterqueue.topic.name", "orders-dlq");
      config.put("errors.deadletterqueue.topic.replication.factor", "1");
      config.put("errors.deadletterqueue.context.headers.enable", "true");
      connect.configureConnector("flat-sink", config);
      connect.awaitConnectorRunning("flat-sink", 1);

      List<SinkRecord> received = RecordingSink.await("flat-sink", 3, TIMEOUT);
      received =
          received.stream().sorted(Comparator.comparingLong(SinkRecord::kafkaOffset)).toList();
      assertEquals(3, received.size(), "three good records; the malformed one went to the DLQ");

      Struct first = (Struct) received.get(0).value();
      assertEquals(0, first.get("partition"));
      assertEquals(0L, first.get("offset"));
      assertTrue(first.get("timestamp") instanceof Date);
      assertEquals("CreateTime", first.get("timestamp_type"));
      assertEquals("k1", first.get("key"));
      assertEquals("{\"a_0\":\"1\",\"a_1\":\"2\",\"b\":null}", first.get("headers"));
      assertEquals(1L, first.get("value_id"));
      assertEquals("Ann", first.get("value_name"));
      assertEquals("[1,2]", first.get("value_tags"));
      Struct firstKey = (Struct) received.get(0).key();
      assertEquals(0L, firstKey.get("offset"));

      Struct second = (Struct) received.get(1).value();
      assertEquals(1L, second.get("offset"));
      assertEquals(2.5, second.get("value_id"), "float64 in its own row, whatever came before");
      assertEquals(true, second.get("value_extra"));
      assertNull(second.schema().field("value_name"), "a row's schema is its own values'");

      SinkRecord tombstone = received.get(2);
      assertEquals(3L, ((Struct) tombstone.value()).get("offset"));
      assertEquals("k4", ((Struct) tombstone.value()).get("key"));
      assertEquals("true", tombstone.headers().lastWithName("spillway.tombstone").value());

      List<ConsumerRecord<byte[], byte[]>> dead = connect.consume("orders-dlq", 1, TIMEOUT);
      assertEquals("{not json", new String(dead.get(0).value(), StandardCharsets.UTF_8));
      String reason =
          new String(
              dead.get(0).headers().lastHeader("__connect.errors.exception.message").value(),
              StandardCharsets.UTF_8);
      assertTrue(
          reason.startsWith(
              "Cannot flatten value of record at topic 'orders', partition 0, offset 2: malformed JSON"),
          reason);
    }
  }
}
