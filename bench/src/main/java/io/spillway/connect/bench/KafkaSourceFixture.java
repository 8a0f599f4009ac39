package io.spillway.connect.bench;

import io.spillway.connect.bench.SourceReplicationBenchmark.Variant;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * The Kafka source rows' environment: a source cluster holding the orders topic (and a warm-up
 * topic of 1/10 its size), a Connect cluster, and one contestant per variant, shared by the rows.
 */
final class KafkaSourceFixture implements AutoCloseable {
  static final long FULL_RECORDS = 1_000_000;

  private final EmbeddedKafkaCluster source;
  private final EmbeddedConnect connect;
  private final Admin admin;
  private final SourceReplicationBenchmark bench;
  private final long records;
  private final long warmUpRecords;
  private final long bytes;
  private final Map<Variant, Contestant> contestants = new EnumMap<>(Variant.class);

  private KafkaSourceFixture(
      EmbeddedKafkaCluster source,
      EmbeddedConnect connect,
      Admin admin,
      long records,
      long warmUpRecords,
      long bytes) {
    this.source = source;
    this.connect = connect;
    this.admin = admin;
    this.records = records;
    this.warmUpRecords = warmUpRecords;
    this.bytes = bytes;
    this.bench = new SourceReplicationBenchmark(source, connect, admin);
  }

  static KafkaSourceFixture start(Scale scale) {
    long records = scale.records(FULL_RECORDS);
    long warmUp = Math.max(100, records / 10);
    EmbeddedKafkaCluster source = new EmbeddedKafkaCluster(1, new Properties());
    source.start();
    EmbeddedConnect connect = null;
    try {
      String bootstrap = source.bootstrapServers();
      source.createTopic(SourceReplicationBenchmark.TOPIC, SourceReplicationBenchmark.PARTITIONS);
      long bytes =
          SourceReplicationBenchmark.produce(bootstrap, SourceReplicationBenchmark.TOPIC, records);
      source.createTopic(
          SourceReplicationBenchmark.WARMUP_TOPIC, SourceReplicationBenchmark.PARTITIONS);
      SourceReplicationBenchmark.produce(
          bootstrap, SourceReplicationBenchmark.WARMUP_TOPIC, warmUp);
      connect =
          EmbeddedConnect.builder().workerProps(SourceReplicationBenchmark.WORKER_PROPS).start();
      Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka()));
      return new KafkaSourceFixture(source, connect, admin, records, warmUp, bytes);
    } catch (RuntimeException | Error e) {
      if (connect != null) {
        connect.close();
      }
      source.stop();
      throw e;
    }
  }

  BenchRow.DataSet data() {
    return new BenchRow.DataSet(
        records,
        bytes,
        "keys order-<n>, all distinct",
        "~1 KB JSON orders (10 fields, nested object and array) in one topic of "
            + SourceReplicationBenchmark.PARTITIONS
            + " partitions of a second in-JVM cluster, copied into the Connect cluster's Kafka;"
            + " timed from the connector's creation until the destination's end offsets add up"
            + " to the record count");
  }

  /** The contestant of that variant; rows that name the same variant share it. */
  Contestant contestant(Variant variant, String label) {
    return contestants.computeIfAbsent(variant, v -> new Copy(v, label));
  }

  @Override
  public void close() {
    try {
      admin.close();
      connect.close();
    } finally {
      source.stop();
    }
  }

  /** One variant copying the orders topic into a new destination topic per run. */
  private final class Copy implements Contestant {
    private final Variant variant;
    private final String label;
    private int repeat;
    private SourceReplicationBenchmark.Run last;

    Copy(Variant variant, String label) {
      this.variant = variant;
      this.label = label;
    }

    @Override
    public String label() {
      return label;
    }

    @Override
    public String settings() {
      Map<String, String> config = bench.config(variant, "r0", SourceReplicationBenchmark.TOPIC);
      String own =
          config.entrySet().stream()
              .filter(e -> !isAddressOrName(e.getKey()))
              .map(e -> e.getKey() + "=" + e.getValue().replaceAll(".*\\.", ""))
              .collect(Collectors.joining(", "));
      return own + "; worker " + SourceReplicationBenchmark.WORKER_PROPS;
    }

    /** Settings that only name clusters and topics, the same for every run. */
    private static boolean isAddressOrName(String key) {
      return key.contains("bootstrap")
          || key.contains("alias")
          || key.equals("topics")
          || key.endsWith("topic.format");
    }

    @Override
    public void warmUp() throws Exception {
      SourceReplicationBenchmark.Run run =
          bench.copy(variant, 0, SourceReplicationBenchmark.WARMUP_TOPIC, warmUpRecords);
      bench.verify(run, warmUpRecords);
      bench.discard(run);
    }

    @Override
    public double run() throws Exception {
      last = bench.copy(variant, ++repeat, SourceReplicationBenchmark.TOPIC, records);
      return records / last.seconds();
    }

    @Override
    public void checkFinalState() {
      bench.verify(last, records);
    }

    @Override
    public void reset() throws Exception {
      bench.discard(last);
    }
  }
}
