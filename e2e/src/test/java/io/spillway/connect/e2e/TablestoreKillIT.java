package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.alicloud.openservices.tablestore.SyncClient;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.tablestore.TablestoreRows;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The Tablestore sink on two real distributed workers (4 tasks), one killed with SIGKILL
 * mid-stream, writing to the in-JVM TablestoreServer over HTTP: afterwards the table holds exactly
 * one row per record, keyed {@code topic_partition, offset} (primarykey.mode=kafka), each with the
 * record's fields as produced. Replays after the crash rewrite the same rows (put is idempotent).
 */
class TablestoreKillIT {
  private static final String TOPIC = "clicks";
  private static final String CONNECTOR = "clicks-tablestore-sink";
  private static final int RECORDS = 40_000;
  private static final int KEYS = 500;

  @Test
  void twoWorkersOneKilledMidStreamLeaveEveryRowExactlyAsProduced() throws Exception {
    try (TablestoreServer tablestore = TablestoreServer.start();
        LocalKafka kafka = LocalKafka.start(List.of("connector-tablestore-sink"))) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
      }
      Worker first = Worker.distributed(kafka, "worker-1", Map.of());
      Worker second = Worker.distributed(kafka, "worker-2", Map.of());
      Map<String, Map<String, Object>> expected = new HashMap<>();
      produce(kafka, 0, RECORDS / 2, expected);
      second.create(CONNECTOR, connectorConfig(tablestore));
      SyncClient client = tablestore.syncClient();
      try {
        Await.until(
            Duration.ofSeconds(120),
            "the first rows in table " + TOPIC,
            () -> rowCount(client) > 1_000);

        first.process.destroyForcibly(); // kill -9, mid-stream
        first.process.waitFor(30, TimeUnit.SECONDS);
        produce(kafka, RECORDS / 2, RECORDS, expected);

        Map<String, Map<String, Object>> rows =
            Await.value(
                Duration.ofSeconds(240),
                "all " + RECORDS + " rows in table " + TOPIC,
                () -> byPosition(TablestoreRows.readMaps(client, TOPIC)),
                read -> read.size() == RECORDS,
                read -> read.size() + " rows");
        assertEquals(expected.keySet(), rows.keySet(), "one row per record, no other row");
        expected.forEach(
            (position, row) -> assertEquals(row, rows.get(position), "row of record " + position));
      } finally {
        client.shutdown();
      }
      System.out.println(
          "BatchWriteRow requests: "
              + tablestore.requests("BatchWriteRow")
              + "; sink: "
              + second.status(CONNECTOR));
    }
  }

  private static int rowCount(SyncClient client) {
    try {
      return TablestoreRows.readAll(client, TOPIC).size();
    } catch (RuntimeException e) {
      return 0; // the table is not created yet
    }
  }

  /** Rows by "topic_partition/offset". */
  private static Map<String, Map<String, Object>> byPosition(List<Map<String, Object>> rows) {
    Map<String, Map<String, Object>> byPosition = new HashMap<>();
    for (Map<String, Object> row : rows) {
      byPosition.put(row.get("topic_partition") + "/" + row.get("offset"), row);
    }
    return byPosition;
  }

  /**
   * Records n in [from, to), key user-(n % KEYS), a JSON value of four types; each record's row as
   * the sink must write it goes into {@code expected} under the position the broker gave it.
   */
  private static void produce(
      LocalKafka kafka, int from, int to, Map<String, Map<String, Object>> expected)
      throws Exception {
    Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrap(), "linger.ms", 10);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int n = from; n < to; n++) {
        String value =
            String.format(
                "{\"n\":%d,\"user\":\"user-%d\",\"amount\":%d.25,\"paid\":%b}",
                n, n % KEYS, n % 1000, n % 3 == 0);
        acks.add(producer.send(new ProducerRecord<>(TOPIC, "user-" + n % KEYS, value)));
      }
      for (int n = from; n < to; n++) {
        RecordMetadata at = acks.get(n - from).get();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("topic_partition", TOPIC + "_" + at.partition());
        row.put("offset", at.offset());
        row.put("n", (long) n);
        row.put("user", "user-" + n % KEYS);
        row.put("amount", n % 1000 + 0.25);
        row.put("paid", n % 3 == 0);
        row.put("key", "user-" + n % KEYS);
        expected.put(row.get("topic_partition") + "/" + at.offset(), row);
      }
    }
  }

  private static Map<String, String> connectorConfig(TablestoreServer tablestore) {
    Map<String, String> config = tablestore.sinkConnection();
    config.put("connector.class", "io.spillway.connect.tablestore.TablestoreSinkConnector");
    config.put("topics", TOPIC);
    config.put("tasks.max", "4");
    config.put("tablestore.auth.mode", "AKSK");
    config.put("primarykey.mode", "kafka");
    config.put("auto.create", "true");
    config.put("flush.Interval", "1000");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }
}
