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
import org.apache.kafka.common.config.ConfigException;
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
    // Each message starts with its key: Connect's 400 answer to POST /connectors lists only them.
    assertEquals(
        List.of("source.bootstrap.servers: required, or set heroku.kafka.url instead"),
        errors.get("source.bootstrap.servers"));
    assertEquals(
        List.of("topics.regex: set topics or topics.regex, not both"), errors.get("topics.regex"));
    assertEquals(
        List.of(
            "heroku.client.cert.key: set both heroku.client.cert and heroku.client.cert.key, or"
                + " neither"),
        errors.get("heroku.client.cert.key"));
    assertEquals(
        List.of(
            "destination.topic.format: must contain ${topic} when several topics are replicated"),
        errors.get("destination.topic.format"));
    assertTrue(errors.get("topics").isEmpty());
  }

  @Test
  void aConfigProviderReferenceLeftUnresolvedIsAnErrorOnItsKey() {
    Map<String, String> props = new HashMap<>();
    props.put("source.bootstrap.servers", "localhost:9092");
    props.put("topics", "orders");
    props.put("heroku.prefix", "${env:KAFKA_PREFIX}");
    props.put("source.consumer.sasl.jaas.config", "${file:/etc/kafka/jaas.properties:jaas}");
    props.put("source.connection.check.ms", "0");
    Map<String, List<String>> errors = new HashMap<>();
    new KafkaSourceConnector()
        .validate(props)
        .configValues()
        .forEach(value -> errors.put(value.name(), value.errorMessages()));
    String advice =
        " after the worker's config providers ran: the variable is not set where the worker runs,"
            + " or the worker's config.providers do not declare that provider";
    assertEquals(
        List.of("heroku.prefix: still reads ${env:KAFKA_PREFIX}" + advice),
        errors.get("heroku.prefix"));
    // A passthrough key ConfigDef does not know still gets its own result.
    assertEquals(
        List.of(
            "source.consumer.sasl.jaas.config: still reads ${file:/etc/kafka/jaas.properties:jaas}"
                + advice),
        errors.get("source.consumer.sasl.jaas.config"));
    // The default destination format's ${topic} is no provider reference.
    assertTrue(errors.get("destination.topic.format").isEmpty());
    ConfigException start = assertThrows(ConfigException.class, () -> new KafkaSourceConfig(props));
    assertTrue(start.getMessage().startsWith("heroku.prefix: still reads"), start.getMessage());
  }

  @Test
  void aTopicsListOfWhichNoTopicExistsSaysWhatTheClusterHas() {
    Map<String, String> props = new HashMap<>();
    props.put("source.bootstrap.servers", "localhost:9092");
    props.put("topics", "orders,payments");
    TopicSelector plain = new TopicSelector(new KafkaSourceConfig(props));
    assertNull(plain.noneFound(List.of("orders", "other")));
    assertEquals(
        "none of [orders, payments] exists on the source cluster; it has [wiry-1234.orders]: is"
            + " heroku.prefix (the app's KAFKA_PREFIX) right?",
        plain.noneFound(List.of("wiry-1234.orders", "other")));
    props.put("heroku.prefix", "wiry-1234.");
    assertEquals(
        "none of [orders, payments] exists on the source cluster with the prefix 'wiry-1234.'",
        new TopicSelector(new KafkaSourceConfig(props)).noneFound(List.of("other")));
    props.remove("topics");
    props.put("topics.regex", "orders.*");
    assertNull(
        new TopicSelector(new KafkaSourceConfig(props)).noneFound(List.of()),
        "a regex may match topics created later");
  }
}
