package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;

/**
 * Two workers share the tasks; one leaves mid-stream. Every source record must arrive at least
 * once, in source order per partition (a replay restarts a partition's sequence at an earlier
 * offset, never skips ahead); the duplicates are counted and printed.
 */
class WorkerFailoverIT {
  private static final int RECORDS = 100_000;
  private static final int PARTITIONS = 4;

  @Test
  void everyRecordArrivesInOrderWhenAWorkerLeaves() throws Exception {
    try (SourceCluster source = new SourceCluster();
        EmbeddedConnect connect =
            EmbeddedConnect.builder()
                .workers(2)
                // Reassign a departed worker's tasks at once instead of waiting up to 5 minutes
                // for it to come back (Connect's default; production configs tune this too).
                .workerProp("scheduled.rebalance.max.delay.ms", "2000")
                .start()) {
      source.createTopic("clicks", PARTITIONS);
      source.sendMany("clicks", PARTITIONS, 0, RECORDS / 2, WorkerFailoverIT::click);
      connect.configureConnector(
          "clicks-source",
          Destination.config(
              "source.bootstrap.servers",
              source.bootstrapServers(),
              "topics",
              "clicks",
              "tasks.max",
              "4",
              "flatten.mode",
              "unpacked"));
      connect.awaitConnectorRunning("clicks-source", 4);

      List<List<Long>> sequences = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        sequences.add(new ArrayList<>());
      }
      BitSet[] seen = new BitSet[PARTITIONS];
      for (int p = 0; p < PARTITIONS; p++) {
        seen[p] = new BitSet();
      }
      try (KafkaConsumer<byte[], byte[]> reader = reader(connect.kafka())) {
        List<TopicPartition> destination = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
          destination.add(new TopicPartition("clicks", p));
        }
        Await.until(
            Duration.ofSeconds(60),
            "destination topic",
            () -> reader.partitionsFor("clicks").size() == PARTITIONS);
        reader.assign(destination);
        reader.seekToBeginning(destination);
        Await.until(
            Duration.ofSeconds(120),
            "a third of the rows before the failover",
            () -> read(reader, sequences, seen) > RECORDS / 3);
        WorkerHandle leaving = connect.cluster().workers().iterator().next();
        connect.cluster().removeWorker(leaving);
        // The second half is written after the failover: the survivor must carry the stream on.
        source.sendMany("clicks", PARTITIONS, RECORDS / 2, RECORDS, WorkerFailoverIT::click);
        Await.until(
            Duration.ofSeconds(180),
            "every source record after the failover",
            () -> {
              read(reader, sequences, seen);
              int distinct = 0;
              for (BitSet s : seen) {
                distinct += s.cardinality();
              }
              return distinct >= RECORDS;
            });
      }
      long total = sequences.stream().mapToLong(List::size).sum();
      for (int p = 0; p < PARTITIONS; p++) {
        List<Long> sequence = sequences.get(p);
        long expected = RECORDS / PARTITIONS;
        assertEquals(expected, seen[p].cardinality(), "partition " + p + " complete");
        assertEquals(expected, seen[p].nextClearBit(0), "partition " + p + " has no gap");
        for (int i = 1; i < sequence.size(); i++) {
          assertTrue(
              sequence.get(i) <= sequence.get(i - 1) + 1,
              "partition " + p + " skipped from " + sequence.get(i - 1) + " to " + sequence.get(i));
        }
      }
      System.out.printf(
          "WorkerFailoverIT: %d source records, %d rows delivered, %d duplicates%n",
          RECORDS, total, total - RECORDS);
    }
  }

  private static byte[] click(int i) {
    return SourceCluster.utf8(
        "{\"n\":" + i + ",\"page\":\"/products/" + (i % 997) + "\",\"ok\":true}");
  }

  private static int read(
      KafkaConsumer<byte[], byte[]> reader, List<List<Long>> sequences, BitSet[] seen) {
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
      JsonNode row = Destination.row(record);
      int partition = row.get("partition").asInt();
      long offset = row.get("offset").asLong();
      if (partition != record.partition()) {
        throw new IllegalStateException(
            "row of source partition "
                + partition
                + " in destination partition "
                + record.partition());
      }
      sequences.get(partition).add(offset);
      seen[partition].set((int) offset);
    }
    return sequences.stream().mapToInt(List::size).sum();
  }

  private static KafkaConsumer<byte[], byte[]> reader(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
