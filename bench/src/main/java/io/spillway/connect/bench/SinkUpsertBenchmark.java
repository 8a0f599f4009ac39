package io.spillway.connect.bench;

import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Side-by-side upsert throughput into the same local PostgreSQL: Spillway's sink (upsert mode), the
 * Debezium JDBC sink (upsert mode), and a plain-JDBC loop (consume, reduce by key, COPY into a
 * staging table, merge) standing for the practical limit. Not JMH: each run moves the whole topic
 * once.
 *
 * <p>Setup: one topic of {@code records} changes (JSON with schemas, key {@code {id}}) of 10
 * columns over {@code keys} keys, 4 partitions, produced once. Both connectors run on one embedded
 * worker with 2 tasks, loaded from their plugin archives, each into a fresh database. A run is
 * timed from the connector's creation (or the loop's start) until the table holds exactly the final
 * state: one row per key, and the sum of the {@code seq} column (the index of each key's last
 * change) equals the expected sum. Goals (from the issue): Spillway ≥ 3× Debezium, ≥ 0.7× the plain
 * loop.
 *
 * <p>Arguments: records (default 1,000,000), keys (default 100,000). System properties {@code
 * spillway.sink.archive} and {@code debezium.plugin.dir} name the plugin folders.
 */
public final class SinkUpsertBenchmark {
  static final String TOPIC = "bench-orders";
  static final int PARTITIONS = 4;
  static final String KEY_SCHEMA =
      "{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"}],\"optional\":false}";
  static final String VALUE_SCHEMA =
      "{\"type\":\"struct\",\"optional\":false,\"fields\":["
          + "{\"field\":\"id\",\"type\":\"int64\"},"
          + "{\"field\":\"seq\",\"type\":\"int64\"},"
          + "{\"field\":\"status\",\"type\":\"string\"},"
          + "{\"field\":\"amount\",\"type\":\"double\"},"
          + "{\"field\":\"qty\",\"type\":\"int32\"},"
          + "{\"field\":\"customer\",\"type\":\"string\"},"
          + "{\"field\":\"city\",\"type\":\"string\"},"
          + "{\"field\":\"flag\",\"type\":\"boolean\"},"
          + "{\"field\":\"note\",\"type\":\"string\"},"
          + "{\"field\":\"score\",\"type\":\"double\"}]}";
  private static final String[] STATUSES = {"NEW", "PAID", "PICKED", "SHIPPED", "DELIVERED"};
  private static final String[] CITIES = {"Lyon", "Porto", "Leeds", "Graz", "Turku", "Gent"};

  /** Batch size of the tuned rows (and of the plain loop): bigger batches reduce more updates. */
  static final int TUNED_BATCH = 50_000;

  /** The contestants, in the order they run. */
  enum Variant {
    SPILLWAY,
    SPILLWAY_TUNED,
    DEBEZIUM,
    DEBEZIUM_TUNED,
    PLAIN_LOOP
  }

  /**
   * All variants, or those named (comma-separated) in the system property {@code bench.variants},
   * e.g. {@code -Dbench.variants=SPILLWAY_TUNED} through JAVA_OPTS to profile one alone.
   */
  static final List<Variant> VARIANTS = BenchSettings.variants(Variant.class);

  private SinkUpsertBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path sinkArchive = Path.of(System.getProperty("spillway.sink.archive"));
    Path debezium = Path.of(System.getProperty("debezium.plugin.dir"));

    LocalPostgres postgres = LocalPostgres.start();
    try (EmbeddedConnect connect =
        EmbeddedConnect.builder()
            .pluginArchive(sinkArchive)
            .pluginArchive(debezium)
            .workerProp("offset.flush.interval.ms", "10000")
            // lets the tuned runs raise their consumer's max.poll.records
            .workerProp("connector.client.config.override.policy", "All")
            .start()) {
      connect.createTopic(TOPIC, PARTITIONS);
      long[] expected = produce(connect.kafka(), records, keys);
      System.out.printf(
          "%,d changes over %,d keys produced (%,d live rows expected)%n",
          records, keys, expected[0]);
      FinalState finalState = new FinalState(postgres, expected[0], expected[1]);

      List<Result> results = new ArrayList<>();
      for (Variant variant : VARIANTS) {
        results.add(
            switch (variant) {
              case SPILLWAY ->
                  ConnectorRun.spillway(connect, postgres, finalState, false).run(records);
              case SPILLWAY_TUNED ->
                  ConnectorRun.spillway(connect, postgres, finalState, true).run(records);
              case DEBEZIUM ->
                  ConnectorRun.debezium(connect, postgres, finalState, false).run(records);
              case DEBEZIUM_TUNED ->
                  ConnectorRun.debezium(connect, postgres, finalState, true).run(records);
              case PLAIN_LOOP ->
                  new PlainJdbcLoop(connect.kafka(), postgres, finalState, TUNED_BATCH)
                      .run(records);
            });
      }
      print(results);
    } finally {
      postgres.close();
    }
  }

  /** Produces the changes; returns {live keys, sum of the last seq of every key}. */
  private static long[] produce(String bootstrap, int records, int keys) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    long[] lastSeq = new long[keys];
    java.util.Arrays.fill(lastSeq, -1);
    Random random = new Random(42);
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int seq = 0; seq < records; seq++) {
        int id = random.nextInt(keys);
        lastSeq[id] = seq;
        String key = "{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}";
        String value =
            String.format(
                Locale.ROOT,
                "{\"schema\":%s,\"payload\":{\"id\":%d,\"seq\":%d,\"status\":\"%s\","
                    + "\"amount\":%.2f,\"qty\":%d,\"customer\":\"customer-%d\",\"city\":\"%s\","
                    + "\"flag\":%b,\"note\":\"note %d for order %d\",\"score\":%.4f}}",
                VALUE_SCHEMA,
                id,
                seq,
                STATUSES[random.nextInt(STATUSES.length)],
                random.nextInt(1_000_000) / 100.0,
                random.nextInt(100),
                random.nextInt(50_000),
                CITIES[random.nextInt(CITIES.length)],
                random.nextBoolean(),
                seq,
                id,
                random.nextDouble());
        pending.add(
            producer.send(
                new ProducerRecord<>(
                    TOPIC,
                    key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))));
        if (pending.size() >= 10_000) {
          for (Future<RecordMetadata> future : pending) {
            future.get();
          }
          pending.clear();
        }
      }
      producer.flush();
      for (Future<RecordMetadata> future : pending) {
        future.get();
      }
    }
    long live = 0;
    long sum = 0;
    for (long seq : lastSeq) {
      if (seq >= 0) {
        live++;
        sum += seq;
      }
    }
    return new long[] {live, sum};
  }

  /** One variant's time for the whole topic. */
  record Result(Variant variant, String name, double seconds, int records) {
    double perSecond() {
      return records / seconds;
    }
  }

  private static void print(List<Result> results) {
    double debezium = rate(results, Variant.DEBEZIUM);
    double loop = rate(results, Variant.PLAIN_LOOP);
    System.out.println();
    System.out.printf(
        "%-52s %8s %11s %12s %9s%n", "variant", "seconds", "records/s", "vs Debezium", "vs loop");
    for (Result result : results) {
      System.out.printf(
          Locale.ROOT,
          "%-52s %8.1f %,11.0f %11.2fx %8.2fx%n",
          result.name(),
          result.seconds(),
          result.perSecond(),
          result.perSecond() / debezium,
          result.perSecond() / loop);
    }
    for (Result spillway : results) {
      if (spillway.variant() != Variant.SPILLWAY && spillway.variant() != Variant.SPILLWAY_TUNED) {
        continue;
      }
      double vsDebezium = spillway.perSecond() / debezium;
      double vsLoop = spillway.perSecond() / loop;
      System.out.printf(
          Locale.ROOT,
          "Goals for %s: / Debezium = %.2f (>= 3.0: %s), / plain loop = %.2f (>= 0.7: %s)%n",
          spillway.name(),
          vsDebezium,
          vsDebezium >= 3.0 ? "met" : "NOT met",
          vsLoop,
          vsLoop >= 0.7 ? "met" : "NOT met");
    }
  }

  /** Records/s of the variant's run, NaN when it did not run. */
  private static double rate(List<Result> results, Variant variant) {
    return results.stream()
        .filter(r -> r.variant() == variant)
        .mapToDouble(Result::perSecond)
        .findFirst()
        .orElse(Double.NaN);
  }
}
