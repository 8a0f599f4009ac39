package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.HeapHighWater;
import io.spillway.connect.testkit.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A backlog bigger than the heap, as a new user meets it: 4,096 JSON records of 256 KiB (1 GiB) in
 * the topic, the Redshift sink in insert mode with large batches (batch.size=50000,
 * batch.max.wait.ms=30000), one worker process at -Xmx512m. batch.max.bytes (default 64 MiB) makes
 * the task write long before batch.size: every row lands and the worker never runs out of memory.
 */
class SinkMemoryIT {
  private static final LocalPostgres WAREHOUSE = LocalPostgres.shared();
  private static final String TOPIC = "blobs";
  private static final int RECORDS = 4_096;
  private static final int RECORD_BYTES = 256 * 1024;
  // 64 MiB of records estimated at a little over 256 KiB each.
  private static final int MAX_BATCH_ROWS = 64 * 1024 * 1024 / RECORD_BYTES;

  @Test
  void aGibibyteBacklogLandsWholeInAWorkerWithHalfAGibibyteOfHeap() throws Exception {
    String database = WAREHOUSE.createDatabase("e2e_memory");
    try (LocalKafka kafka = LocalKafka.start()) {
      Path gcLog = kafka.dir.resolve("worker-gc.log");
      Worker worker =
          Worker.distributed(
              kafka,
              "worker-memory",
              Map.of(),
              List.of(HeapHighWater.jvmOption(gcLog)),
              // Connect's default, as a new user runs it: a commit (which writes the buffer) only
              // every minute, so batches are bounded by the batch.* settings alone.
              "offset.flush.interval.ms=60000\n");
      produceBacklog(kafka.bootstrap()); // all of it before the connector starts
      Path body = kafka.dir.resolve("memory-sink.json");
      Files.writeString(body, connector(WAREHOUSE.jdbcUrl(database)));
      worker.create(body);

      Await.value(
          Duration.ofMinutes(10),
          RECORDS + " rows of " + RECORD_BYTES + " bytes",
          () -> rows(database),
          rows ->
              rows.equals(
                  List.of(
                      List.of(
                          (long) RECORDS,
                          (long) RECORDS,
                          0L,
                          (long) RECORDS - 1,
                          RECORD_BYTES,
                          RECORD_BYTES))),
          Object::toString);
      for (int id : new int[] {0, 1_234, RECORDS - 1}) {
        assertEquals(
            List.of(List.of(md5(payload(id)))),
            WAREHOUSE.query(database, "SELECT md5(payload) FROM blobs WHERE id = ?", (long) id),
            "payload of id " + id);
      }

      // Each batch is one transaction, so its rows share an xmin: no batch held more than
      // batch.max.bytes (64 MiB) of 256 KiB records, although batch.size allowed them all.
      List<List<Object>> largestBatch =
          WAREHOUSE.query(
              database,
              "SELECT max(rows), count(*) FROM"
                  + " (SELECT count(*) AS rows FROM blobs GROUP BY xmin::text) AS batches");
      long largest = (Long) largestBatch.get(0).get(0);
      System.out.println(
          "Batches written: "
              + largestBatch.get(0).get(1)
              + ", the largest of "
              + largest
              + " rows");
      assertTrue(largest <= MAX_BATCH_ROWS, "a batch of " + largest + " rows");

      String log = Files.readString(kafka.dir.resolve("worker-memory.log"));
      assertFalse(log.contains("OutOfMemoryError"), "the worker ran out of memory");
      assertTrue(worker.process.isAlive(), "the worker died");
      assertTrue(
          worker.status("memory-sink").contains("\"tasks\":[{\"id\":0,\"state\":\"RUNNING\""),
          worker.status("memory-sink"));
      HeapHighWater heap = HeapHighWater.read(gcLog);
      System.out.printf(
          "Worker heap (-Xmx512m) high-water mark: %d MiB used before a GC pause, at most %d MiB"
              + " still used after one, over %d GC pauses%n",
          heap.peakMib(), heap.afterGcMib(), heap.pauses());
      assertTrue(heap.pauses() > 0, "no GC pause logged in " + gcLog);
      assertEquals(512, heap.maxMib(), "the worker's maximum heap");
    }
  }

  private static void produceBacklog(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
    }
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int id = 0; id < RECORDS; id++) {
        producer.send(new ProducerRecord<>(TOPIC, Integer.toString(id), json(id)));
      }
      producer.flush();
    }
  }

  /** A JSON object of exactly {@link #RECORD_BYTES} bytes: the id, and a payload filling it. */
  private static String json(int id) {
    String head = "{\"id\":" + id + ",\"payload\":\"";
    String tail = "\"}";
    StringBuilder json = new StringBuilder(RECORD_BYTES).append(head);
    int payload = RECORD_BYTES - head.length() - tail.length();
    for (int i = 0; i < payload; i++) {
      json.append((char) ('a' + (i * 7 + id) % 26));
    }
    return json.append(tail).toString();
  }

  private static String connector(String jdbcUrl) {
    return String.join(
        "\n",
        "{\"name\": \"memory-sink\", \"config\": {",
        "  \"connector.class\": \"io.spillway.connect.redshift.RedshiftSinkConnector\",",
        "  \"tasks.max\": \"1\",",
        "  \"topics\": \"" + TOPIC + "\",",
        "  \"key.converter\": \"org.apache.kafka.connect.storage.StringConverter\",",
        "  \"value.converter\": \"org.apache.kafka.connect.json.JsonConverter\",",
        "  \"value.converter.schemas.enable\": \"false\",",
        "  \"connection.url\": \"" + jdbcUrl + "\",",
        "  \"connection.user\": \"" + WAREHOUSE.user() + "\",",
        "  \"connection.password\": \"" + WAREHOUSE.password() + "\",",
        "  \"insert.mode\": \"insert\",",
        "  \"batch.size\": \"50000\",",
        "  \"batch.max.wait.ms\": \"30000\"",
        "}}");
  }

  /** [rows, distinct ids, smallest and largest id, shortest and longest JSON rebuilt]. */
  private static List<List<Object>> rows(String database) {
    try {
      return WAREHOUSE.query(
          database,
          "SELECT count(*), count(DISTINCT id), min(id), max(id),"
              + " min(length(payload) + length(id::text) + 20),"
              + " max(length(payload) + length(id::text) + 20) FROM blobs");
    } catch (IllegalStateException e) {
      return List.of(); // not created yet
    }
  }

  private static String payload(int id) {
    String json = json(id);
    return json.substring(json.indexOf(",\"payload\":\"") + 12, json.length() - 2);
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
