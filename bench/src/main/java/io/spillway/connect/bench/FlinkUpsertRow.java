package io.spillway.connect.bench;

import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.JmxMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Flink upsert sink with default settings in a Connect worker against a raw idempotent producer
 * loop ({@link RawUpsertProducerLoop}: every record written unreduced, as a user would without the
 * sink), both writing the same topic into a fresh compacted topic of the same broker per run, timed
 * until the target holds the input's final state (ours: the last change of every key acknowledged;
 * peer: every record acknowledged). Goal: ≥ 0.8× the loop. The sink's own reduction is measured
 * too: target records and flush windows per run from its JMX metrics. System property {@code
 * spillway.flinkupsert.archive} names the plugin folder.
 */
final class FlinkUpsertRow implements BenchRow {
  static final int FULL_RECORDS = 1_000_000;
  static final int FULL_KEYS = 100_000;
  private static final String TOPIC = "bench-upserts";
  private static final String WARM_UP = "bench-upserts-warmup";
  private static final int PARTITIONS = 4;

  @Override
  public String id() {
    return "flink-upsert";
  }

  @Override
  public String title() {
    return "flink-upsert, defaults vs raw idempotent producer loop";
  }

  @Override
  public String group() {
    return "flink-upsert";
  }

  @Override
  public Unit unit() {
    return Unit.RECORDS_PER_SECOND;
  }

  @Override
  public Goal goal() {
    return Goal.atLeast(0.8);
  }

  @Override
  public String finding() {
    return "Not profiled yet. Quick run only (2026-11-29, 100,000 records, machine at load ~30 on"
        + " 2 cores): 0.20×. The sink's figure carries fixed costs the loop does not pay (creating"
        + " the connector, starting 2 tasks, their consumer group's join; the loop assigns"
        + " partitions without a group): its warm-up on 10,000 records took 12.5 s against 2.8 s,"
        + " which points at start-up rather than per-record cost; a reading, not a measurement."
        + " Ours states per run when the sink took its first record; a full-size run decides.";
  }

  @Override
  public Setup prepare(Fixtures fixtures, Scale scale) throws Exception {
    Fixture fixture = fixtures.get(Fixture.class, () -> Fixture.start(scale));
    DataSet data =
        new DataSet(
            fixture.records,
            fixture.bytes,
            String.format(Locale.ROOT, "%,d keys user-<n>", fixture.keys),
            "JSON click values (~200 B, 6 fields), string keys, 4 partitions; into a fresh"
                + " compacted topic of 4 partitions on the same broker, key bytes as they are"
                + " (key.format=raw), the value as compact JSON; the target's final table (last"
                + " value per key) checked against the input's after every run");
    return new Setup(data, new Side(fixture, false), new Side(fixture, true));
  }

  /** One worker with the sink's plugin archive, the topic, its warm-up, and their final tables. */
  static final class Fixture implements AutoCloseable {
    private final EmbeddedConnect connect;
    private final int records;
    private final int keys;
    private final long bytes;
    private final Map<String, UpsertTable> finalTables = new HashMap<>();

    private Fixture(EmbeddedConnect connect, int records, int keys, long bytes) {
      this.connect = connect;
      this.records = records;
      this.keys = keys;
      this.bytes = bytes;
    }

    static Fixture start(Scale scale) throws Exception {
      Path plugin =
          ClickTopicsWorker.pluginFolder("spillway.flinkupsert.archive", "Flink upsert sink");
      ClickTopicsWorker worker =
          ClickTopicsWorker.start(
              plugin, scale, FULL_RECORDS, FULL_KEYS, TOPIC, WARM_UP, PARTITIONS, 0);
      try {
        Fixture fixture =
            new Fixture(
                worker.connect,
                worker.records,
                ClickTopicsWorker.keys(worker.records, FULL_KEYS),
                worker.bytes);
        for (String topic : List.of(TOPIC, WARM_UP)) {
          fixture.finalTables.put(topic, UpsertTable.read(worker.connect.kafka(), topic));
        }
        return fixture;
      } catch (Exception | Error e) {
        worker.connect.close();
        throw e;
      }
    }

    @Override
    public void close() {
      connect.close();
    }
  }

  /** The sink (defaults) or the raw loop; each run into a new compacted topic, checked after. */
  private static final class Side implements Contestant {
    private final Fixture fixture;
    private final boolean rawLoop;
    private final List<String> reductions = new ArrayList<>();
    private int runs;
    private String topic;
    private String target;
    private long sent;
    private long windows;
    private double firstTaken;

    Side(Fixture fixture, boolean rawLoop) {
      this.fixture = fixture;
      this.rawLoop = rawLoop;
    }

    @Override
    public String label() {
      return rawLoop
          ? "raw idempotent producer loop (KafkaConsumer + KafkaProducer)"
          : "Spillway Flink upsert sink";
    }

    @Override
    public String settings() {
      if (rawLoop) {
        return RawUpsertProducerLoop.SETTINGS;
      }
      return "defaults (mode=upsert, buffer.flush.max-rows=10000, buffer.flush.interval=1000,"
          + " value.format=json, value.fields-include=ALL, producer acks=all and idempotent);"
          + " tasks.max=2, key.format=raw with the record key (StringConverter), schemaless"
          + " JsonConverter values, target created by the connector; output per measured run"
          + " (JMX changes-sent-total / windows-sent-total, target end offsets): "
          + String.join("; ", reductions);
    }

    @Override
    public void warmUp() throws Exception {
      int records = ClickTopicsWorker.warmUpRecords(fixture.records);
      move(WARM_UP, records);
      verify();
      reset();
    }

    @Override
    public double run() throws Exception {
      return fixture.records / move(TOPIC, fixture.records);
    }

    private double move(String from, int records) throws Exception {
      target = "bench-flink-" + (rawLoop ? "raw" : "sink") + "-" + runs++;
      topic = from;
      return rawLoop
          ? new RawUpsertProducerLoop(fixture.connect.kafka())
              .run(from, records, target, PARTITIONS)
          : runConnector(from, records);
    }

    /** Seconds from creating the connector until the last change of every key is acknowledged. */
    private double runConnector(String from, int records) {
      String name = target;
      Map<String, String> config = new HashMap<>();
      config.put("connector.class", "io.spillway.connect.flinkupsert.FlinkUpsertSinkConnector");
      config.put("topics", from);
      config.put("tasks.max", "2");
      config.put("target.bootstrap.servers", fixture.connect.kafka());
      config.put("target.topic", target);
      config.put("key.format", "raw");
      config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
      config.put("value.converter.schemas.enable", "false");
      config.putAll(BenchSettings.fromProperty("bench.flinkupsert.config"));
      long start = System.nanoTime();
      fixture.connect.configureConnector(name, config);
      long deadline = System.currentTimeMillis() + 30 * 60_000L;
      // Every record taken and settled (its own change or the one that replaced it acknowledged),
      // nothing left in a window: the target holds the final state (checked after the run).
      firstTaken = -1;
      long taken;
      while ((taken = metric(name, "records-received-total")) < records
          || metric(name, "records-outstanding") != 0
          || metric(name, "window-keys") != 0) {
        if (firstTaken < 0 && taken > 0) {
          firstTaken = (System.nanoTime() - start) / 1e9;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(name + " did not finish in 30 minutes");
        }
        KinesisSinkBenchmark.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      sent = metric(name, "changes-sent-total");
      windows = metric(name, "windows-sent-total");
      fixture.connect.deleteConnector(name);
      return seconds;
    }

    /** The sink's reduction in the last run: input, changes sent, flushes, target records. */
    private String reduction(int records, long targetRecords) {
      return String.format(
          Locale.ROOT,
          "first record taken %.1f s after the connector was created; %,d records → %,d changes"
              + " sent (%.0f %%) in %,d flushes, %,.0f per flush on average (≤ %,d distinct keys),"
              + " %,d target records",
          firstTaken,
          records,
          sent,
          100.0 * sent / records,
          windows,
          windows <= 0 ? 0.0 : (double) sent / windows,
          fixture.keys,
          targetRecords);
    }

    /** A metric summed over the connector's tasks; -1 while no task publishes it yet. */
    private static long metric(String connector, String name) {
      try {
        return JmxMetrics.sum(connector, name);
      } catch (RuntimeException e) {
        return -1; // an MBean unregistered while it was read
      }
    }

    @Override
    public void checkFinalState() throws Exception {
      verify();
    }

    private void verify() {
      UpsertTable written = UpsertTable.read(fixture.connect.kafka(), target);
      fixture.finalTables.get(topic).verify(written, label());
      boolean measured = topic.equals(TOPIC);
      int input = measured ? fixture.records : ClickTopicsWorker.warmUpRecords(fixture.records);
      if (rawLoop && written.records != input) {
        throw new IllegalStateException(
            label() + ": " + written.records + " target records for " + input + " input records");
      }
      if (!rawLoop && measured) {
        reductions.add(reduction(input, written.records));
      }
    }

    @Override
    public void reset() throws Exception {
      if (target != null) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", fixture.connect.kafka()))) {
          admin.deleteTopics(List.of(target)).all().get();
        }
        target = null;
      }
    }
  }
}
