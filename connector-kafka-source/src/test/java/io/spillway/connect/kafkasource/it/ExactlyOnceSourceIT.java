package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KIP-618: on a worker with exactly.once.source.support=enabled the connector declares support, so
 * it can be required, and a restart mid-stream leaves every row exactly once for read_committed
 * readers, with typed rows and with pre-serialized ones (destination.serialization=json).
 */
class ExactlyOnceSourceIT {
  private static final int RECORDS = 20_000;

  @ParameterizedTest
  @ValueSource(strings = {"typed", "json"})
  void rowsArriveExactlyOnceAcrossARestart(String serialization) throws Exception {
    try (SourceCluster source = new SourceCluster();
        EmbeddedConnect connect =
            EmbeddedConnect.builder()
                .workers(1)
                .workerProp("exactly.once.source.support", "enabled")
                .brokerProp("transaction.state.log.replication.factor", "1")
                .brokerProp("transaction.state.log.min.isr", "1")
                .start()) {
      source.createTopic("ledger", 2);
      source.sendMany("ledger", 2, RECORDS, i -> SourceCluster.utf8("{\"n\":" + i + "}"));
      Map<String, String> config =
          Destination.in(
              serialization,
              Destination.config(
                  "source.bootstrap.servers", source.bootstrapServers(),
                  "topics", "ledger",
                  "exactly.once.support", "required",
                  "transaction.boundary", "poll"));
      connect.configureConnector("ledger-source", config);
      connect.awaitConnectorRunning("ledger-source", 2);
      try (KafkaConsumer<byte[], byte[]> reader = committedReader(connect.kafka())) {
        reader.assign(List.of(new TopicPartition("ledger", 0), new TopicPartition("ledger", 1)));
        Set<String> seen = new HashSet<>();
        int[] total = {0};
        Await.until(
            Duration.ofSeconds(60),
            "a few thousand committed rows",
            () -> {
              read(reader, seen, total);
              return total[0] > 3_000;
            });
        connect.cluster().restartConnectorAndTasks("ledger-source", false, true, false);
        Await.until(
            Duration.ofSeconds(90),
            RECORDS + " committed rows",
            () -> {
              read(reader, seen, total);
              return seen.size() >= RECORDS;
            });
        Thread.sleep(2_000);
        read(reader, seen, total);
        assertEquals(RECORDS, seen.size(), "every source record");
        assertEquals(RECORDS, total[0], "and none twice, even across the restart");
      }
    }
  }

  private static void read(KafkaConsumer<byte[], byte[]> reader, Set<String> seen, int[] total) {
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
      JsonNode row = Destination.row(record);
      seen.add(row.get("partition").asInt() + "/" + row.get("offset").asLong());
      total[0]++;
    }
  }

  private static KafkaConsumer<byte[], byte[]> committedReader(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
