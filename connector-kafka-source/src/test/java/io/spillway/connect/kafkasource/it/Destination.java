package io.spillway.connect.kafkasource.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spillway.connect.kafkasource.KafkaSourceConnector;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Connector configs for the ITs and the rows they find in the destination (Connect) cluster. */
final class Destination {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BYTE_ARRAY_CONVERTER =
      "org.apache.kafka.connect.converters.ByteArrayConverter";

  private Destination() {}

  /** A source connector writing JSON rows, extra settings as key/value pairs. */
  static Map<String, String> config(String... keyValues) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", KafkaSourceConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("value.converter.decimal.format", "NUMERIC");
    config.put("refresh.topics.interval.ms", "1000");
    config.put("poll.timeout.ms", "200");
    config.put("topic.creation.default.replication.factor", "1");
    config.put("topic.creation.default.partitions", "4");
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put(keyValues[i], keyValues[i + 1]);
    }
    return config;
  }

  /**
   * The same config in the pre-serialized mode: the task writes the JSON bytes (as the converters
   * above would, without schemas) and the worker passes them on with ByteArrayConverter.
   */
  static Map<String, String> serialized(Map<String, String> config) {
    Map<String, String> serialized = new HashMap<>(config);
    serialized.put("destination.serialization", "json");
    serialized.put("destination.json.schemas.enable", "false");
    serialized.put("destination.json.decimal.format", "NUMERIC");
    serialized
        .keySet()
        .removeIf(key -> key.startsWith("key.converter.") || key.startsWith("value.converter."));
    serialized.put("key.converter", BYTE_ARRAY_CONVERTER);
    serialized.put("value.converter", BYTE_ARRAY_CONVERTER);
    return serialized;
  }

  /** {@code config} as is for "typed" rows, or {@link #serialized} for "json". */
  static Map<String, String> in(String serialization, Map<String, String> config) {
    return serialization.equals("json") ? serialized(config) : config;
  }

  /**
   * At least {@code count} rows of a destination topic ordered by source (partition, offset); each
   * row also carries its record headers as {@code "#<name>"} and its key as {@code "#key"}.
   */
  static List<JsonNode> rows(EmbeddedConnect connect, String topic, int count) {
    List<JsonNode> rows = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : connect.consume(topic, count, TIMEOUT)) {
      rows.add(row(record));
    }
    rows.sort(
        Comparator.comparingInt((JsonNode r) -> r.get("partition").asInt())
            .thenComparingLong(r -> r.get("offset").asLong()));
    return rows;
  }

  static ObjectNode row(ConsumerRecord<byte[], byte[]> record) {
    try {
      ObjectNode row = (ObjectNode) JSON.readTree(record.value());
      record
          .headers()
          .forEach(h -> row.put("#" + h.key(), new String(h.value(), StandardCharsets.UTF_8)));
      row.set("#key", JSON.readTree(record.key()));
      return row;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
