package io.spillway.connect.kafkasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.kafkasource.topics.PartitionAssignment;
import io.spillway.connect.kafkasource.topics.TopicSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class TopicsAndPositionsTest {

  static Map<String, String> base(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("source.bootstrap.servers", "localhost:9092");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  @Test
  void selectorAppliesPrefixListsRegexAndExclusions() {
    TopicSelector listed =
        new TopicSelector(
            new KafkaSourceConfig(
                base(
                    "topics",
                    "orders,users",
                    "heroku.prefix",
                    "acme.",
                    "destination.topic.format",
                    "heroku_${topic}")));
    assertTrue(listed.selects("acme.orders"));
    assertFalse(listed.selects("orders"));
    assertFalse(listed.selects("acme.payments"));
    assertEquals("orders", listed.unprefixed("acme.orders"));
    assertEquals("heroku_orders", listed.destination("acme.orders"));

    TopicSelector regex =
        new TopicSelector(new KafkaSourceConfig(base("topics.regex", "app\\..*")));
    assertTrue(regex.selects("app.clicks"));
    assertFalse(regex.selects("__consumer_offsets"));
    assertFalse(regex.selects("app.cache-internal"), "excluded by default");
    assertFalse(regex.selects("other"));
  }

  @Test
  void partitionsSpreadRoundRobinAndRoundTrip() {
    List<TopicPartition> partitions =
        List.of(
            new TopicPartition("b", 0),
            new TopicPartition("a", 1),
            new TopicPartition("a", 0),
            new TopicPartition("b", 1),
            new TopicPartition("a", 2));
    List<List<TopicPartition>> spread = PartitionAssignment.spread(partitions, 2);
    assertEquals(
        List.of(new TopicPartition("a", 0), new TopicPartition("a", 2), new TopicPartition("b", 1)),
        spread.get(0));
    assertEquals(List.of(new TopicPartition("a", 1), new TopicPartition("b", 0)), spread.get(1));
    assertEquals(1, PartitionAssignment.spread(partitions.subList(0, 1), 8).size());
    assertTrue(PartitionAssignment.spread(List.of(), 4).isEmpty());
    assertEquals(
        spread.get(0), PartitionAssignment.decode(PartitionAssignment.encode(spread.get(0))));
    assertTrue(PartitionAssignment.decode("").isEmpty());
  }

  @Test
  void positionsAreTheRestApiMaps() {
    Map<String, Object> partition =
        SourcePositions.sourcePartition("heroku", new TopicPartition("orders", 3));
    assertEquals(Map.of("cluster", "heroku", "topic", "orders", "partition", 3), partition);
    assertEquals(Map.of("offset", 11L), SourcePositions.sourceOffset(11));
    assertEquals(11L, SourcePositions.nextOffset(Map.of("offset", 11)));
    assertNull(SourcePositions.nextOffset(null));
    SourcePositions.validate(partition, Map.of("offset", 0));
    SourcePositions.validate(partition, null);
    assertThrows(
        ConnectException.class, () -> SourcePositions.validate(Map.of("topic", "x"), null));
    assertThrows(
        ConnectException.class, () -> SourcePositions.validate(partition, Map.of("offset", -1)));
    assertThrows(
        ConnectException.class, () -> SourcePositions.validate(partition, Map.of("position", 1)));
  }

  @Test
  void validateReportsEveryCrossFieldProblemOnItsKey() {
    KafkaSourceConnector connector = new KafkaSourceConnector();
    Map<String, String> props = new HashMap<>();
    props.put("topics", "a,b");
    props.put("topics.regex", "x.*");
    props.put("destination.topic.format", "fixed");
    props.put("heroku.client.cert", "-----BEGIN CERTIFICATE-----");
    Map<String, List<String>> errors = new HashMap<>();
    connector
        .validate(props)
        .configValues()
        .forEach(value -> errors.put(value.name(), value.errorMessages()));
    assertEquals(
        List.of("source.bootstrap.servers (or heroku.kafka.url) is required"),
        errors.get("source.bootstrap.servers"));
    assertEquals(List.of("set topics or topics.regex, not both"), errors.get("topics.regex"));
    assertEquals(
        List.of("heroku.client.cert and heroku.client.cert.key go together"),
        errors.get("heroku.client.cert.key"));
    assertEquals(
        List.of("must contain ${topic} when several topics are replicated"),
        errors.get("destination.topic.format"));
    assertTrue(errors.get("topics").isEmpty());
  }
}
