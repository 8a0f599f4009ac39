package io.spillway.connect.bench;

import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.JmxMetrics;
import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kinesis sink against a raw KPL put loop, on the same kinesalite and the same records. Not
 * JMH: each run moves the whole topic once into a fresh stream of 4 shards.
 *
 * <p>Setup: one topic of {@code records} JSON values (~200 bytes) over {@code keys} keys, 4
 * partitions, produced once. The connector (2 tasks, from its plugin archive, record.format=value,
 * partition.key=record_key) runs with ordering=key (the default) and ordering=none, timed from its
 * creation until its tasks report every record acknowledged (JMX records-put-total). The raw loop
 * consumes the topic with a KafkaConsumer and hands every record to one KPL (same settings:
 * aggregation on, same partition key and bytes), timed until every future completed. Each repeat
 * runs every variant, in a rotated order; the first repeat also reads each stream back and checks
 * the count. Goal (from the issue): the connector at ≥ 0.9× the raw loop.
 *
 * <p>Arguments: records (default 500,000), keys (default 100,000), repeats (default 3). System
 * property {@code spillway.kinesis.archive} names the plugin folder.
 */
public final class KinesisSinkBenchmark {
  static final String TOPIC = "bench-clicks";
  static final int PARTITIONS = 4;
  static final int SHARDS = 4;

  /** The contestants. */
  enum Variant {
    CONNECTOR_KEY_ORDER,
    CONNECTOR_NO_ORDER,
    RAW_KPL_LOOP
  }

  private KinesisSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path archive = Path.of(System.getProperty("spillway.kinesis.archive"));
    List<Variant> variants = BenchSettings.variants(Variant.class);

    try (Kinesalite kinesalite = Kinesalite.launch();
        KinesisStreams streams = kinesalite.streams();
        EmbeddedConnect connect =
            EmbeddedConnect.builder()
                .pluginArchive(archive)
                .workerProp("offset.flush.interval.ms", "10000")
                .start()) {
      connect.createTopic(TOPIC, PARTITIONS);
      produce(connect.kafka(), TOPIC, records, keys, 0);
      System.out.printf("%,d records over %,d keys produced%n", records, keys);
      List<String[]> rows = new ArrayList<>();
      for (int repeat = 0; repeat < repeats; repeat++) {
        Map<Variant, Double> seconds = new HashMap<>();
        for (int i = 0; i < variants.size(); i++) {
          Variant variant = variants.get((i + repeat) % variants.size());
          String stream = "bench-" + variant.name().toLowerCase(Locale.ROOT).replace('_', '-');
          streams.create(stream, SHARDS);
          double took =
              variant == Variant.RAW_KPL_LOOP
                  ? new RawKplLoop(connect.kafka(), kinesalite, stream).run(TOPIC, records)
                  : runConnector(
                      connect,
                      kinesalite,
                      TOPIC,
                      stream,
                      stream + "-" + repeat,
                      variant == Variant.CONNECTOR_KEY_ORDER ? "key" : "none",
                      records);
          if (repeat == 0) {
            verify(streams, stream, variant.name(), records);
          }
          streams.delete(stream);
          seconds.put(variant, took);
          System.out.printf(
              "repeat %d %-20s %7.1f s %,10.0f records/s%n", repeat, variant, took, records / took);
        }
        Double raw = seconds.get(Variant.RAW_KPL_LOOP);
        String repeatLabel = Integer.toString(repeat);
        seconds.forEach(
            (variant, took) ->
                rows.add(
                    new String[] {
                      repeatLabel,
                      variant.name(),
                      String.format(Locale.ROOT, "%.1f", took),
                      String.format(Locale.ROOT, "%,.0f", records / took),
                      raw == null ? "-" : String.format(Locale.ROOT, "%.2f", raw / took)
                    }));
      }
      System.out.printf(
          "%n%-7s %-20s %8s %11s %8s%n", "repeat", "variant", "seconds", "records/s", "vs raw");
      for (String[] row : rows) {
        System.out.printf("%-7s %-20s %8s %11s %8s%n", (Object[]) row);
      }
    }
  }

  /**
   * Seconds from creating connector {@code name} (topic into stream; {@code ordering} null keeps
   * the connector's default) until its tasks acknowledged {@code records}; then deletes it.
   */
  static double runConnector(
      EmbeddedConnect connect,
      Kinesalite kinesalite,
      String topic,
      String stream,
      String name,
      String ordering,
      int records) {
    Map<String, String> config = kinesalite.sinkConnection();
    config.put("connector.class", "io.spillway.connect.kinesis.KinesisSinkConnector");
    config.put("topics", topic);
    config.put("tasks.max", "2");
    config.put("stream.name.format", stream);
    config.put("stream.create", "false");
    config.put("record.format", "value");
    config.put("partition.key", "record_key");
    if (ordering != null) {
      config.put("ordering", ordering);
    }
    config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.putAll(BenchSettings.fromProperty("bench.kinesis.config"));
    long start = System.nanoTime();
    connect.configureConnector(name, config);
    long deadline = System.currentTimeMillis() + 30 * 60_000L;
    while (putTotal(name) < records) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(name + " did not finish in 30 minutes");
      }
      sleep(20);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    connect.deleteConnector(name);
    return seconds;
  }

  /**
   * Every record is in the stream (values are unique); at least once, so duplicates (a consumer
   * group rebalancing while tasks start, a KPL retry after a timeout) are counted, not failed.
   */
  static void verify(KinesisStreams streams, String stream, String who, int records) {
    Set<String> distinct = new HashSet<>();
    List<KinesisStreams.StreamRecord> read = streams.readAll(stream);
    read.forEach(r -> distinct.add(new String(r.data(), StandardCharsets.UTF_8)));
    if (distinct.size() != records) {
      throw new IllegalStateException(
          who + ": " + distinct.size() + " distinct records of " + records + " in the stream");
    }
    System.out.printf(
        "%s: all %,d records read back, %,d duplicates%n", who, records, read.size() - records);
  }

  /** The tasks' records-put-total; MBeans come and go while tasks start, so a miss reads 0. */
  private static long putTotal(String connector) {
    try {
      return JmxMetrics.sum(connector, "records-put-total");
    } catch (RuntimeException e) {
      return 0; // an MBean unregistered while it was read
    }
  }

  /**
   * Produces {@code records} unique JSON click values over {@code keys} keys; {@code valueBytes}
   * pads each value to that size (0: no padding, ~200 bytes). Returns the key + value bytes.
   */
  static long produce(String bootstrap, String topic, int records, int keys, int valueBytes)
      throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // As UpsertChanges: on a loaded machine, retried large batches of an idempotent producer hit
    // OutOfOrderSequenceException for good (seen with the memory rows' 256 KiB records).
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    Random random = new Random(42);
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        int key = random.nextInt(keys);
        String value =
            String.format(
                Locale.ROOT,
                "{\"click\":%d,\"user\":\"user-%d\",\"page\":\"/products/%d\",\"ms\":%d,"
                    + "\"agent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"ref\":\"campaign-%d\"",
                i,
                key,
                random.nextInt(5_000),
                random.nextInt(10_000),
                random.nextInt(100));
        int pad = valueBytes - value.length() - ",\"pad\":\"\"}".length();
        value = pad > 0 ? value + ",\"pad\":\"" + "x".repeat(pad) + "\"}" : value + "}";
        byte[] keyBytes = ("user-" + key).getBytes(StandardCharsets.UTF_8);
        byte[] valueBytesOut = value.getBytes(StandardCharsets.UTF_8);
        bytes += keyBytes.length + valueBytesOut.length;
        pending.add(producer.send(new ProducerRecord<>(topic, keyBytes, valueBytesOut)));
        if (pending.size() >= 10_000) {
          for (Future<RecordMetadata> future : pending) {
            future.get();
          }
          pending.clear();
        }
      }
      producer.flush();
    }
    return bytes;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
