package io.spillway.connect.bench;

import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import java.nio.file.Path;

/**
 * The Kinesis sink with default settings against the raw KPL put loop ({@link RawKplLoop}, the
 * practical limit) on one kinesalite, moving the same topic into a fresh 4-shard stream per run
 * ({@link KinesisSinkBenchmark}'s producer, connector run and read-back). Goal: ≥ 0.9× the loop.
 * System property {@code spillway.kinesis.archive} names the plugin folder.
 */
final class KinesisSinkRow implements BenchRow {
  static final int FULL_RECORDS = 500_000;
  static final int FULL_KEYS = 100_000;
  static final int VALUE_BYTES = 1024;

  @Override
  public String id() {
    return "kinesis-sink";
  }

  @Override
  public String title() {
    return "kinesis-sink, defaults vs raw KPL put loop";
  }

  @Override
  public String group() {
    return "kinesis-sink";
  }

  @Override
  public Unit unit() {
    return Unit.RECORDS_PER_SECOND;
  }

  @Override
  public Goal goal() {
    return Goal.atLeast(0.9);
  }

  @Override
  public Setup prepare(Fixtures fixtures, Scale scale) throws Exception {
    Fixture fixture = fixtures.get(Fixture.class, () -> Fixture.start(scale));
    int keys = ClickTopicsWorker.keys(fixture.records, FULL_KEYS);
    DataSet data =
        new DataSet(
            fixture.records,
            fixture.bytes,
            String.format("%,d keys user-<n>", keys),
            "JSON click values padded to 1 KB, record key as partition key, 4 partitions into"
                + " 4 shards on kinesalite, KPL aggregation on");
    return new Setup(data, new Side(fixture, false), new Side(fixture, true));
  }

  /** One kinesalite, one worker with the sink's plugin archive, the topic and its warm-up topic. */
  static final class Fixture implements AutoCloseable {
    private final Kinesalite kinesalite;
    private final KinesisStreams streams;
    private final EmbeddedConnect connect;
    private final int records;
    private final long bytes;

    private Fixture(
        Kinesalite kinesalite,
        KinesisStreams streams,
        EmbeddedConnect connect,
        int records,
        long bytes) {
      this.kinesalite = kinesalite;
      this.streams = streams;
      this.connect = connect;
      this.records = records;
      this.bytes = bytes;
    }

    static Fixture start(Scale scale) throws Exception {
      Path plugin = ClickTopicsWorker.pluginFolder("spillway.kinesis.archive", "Kinesis sink");
      Kinesalite kinesalite = Kinesalite.launch();
      KinesisStreams streams = kinesalite.streams();
      EmbeddedConnect connect = null;
      try {
        ClickTopicsWorker worker =
            ClickTopicsWorker.start(
                plugin,
                scale,
                FULL_RECORDS,
                FULL_KEYS,
                KinesisSinkBenchmark.TOPIC,
                WARM_UP,
                KinesisSinkBenchmark.PARTITIONS,
                VALUE_BYTES);
        connect = worker.connect;
        return new Fixture(kinesalite, streams, connect, worker.records, worker.bytes);
      } catch (Exception | Error e) {
        if (connect != null) {
          connect.close();
        }
        streams.close();
        kinesalite.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        connect.close();
      } finally {
        streams.close();
        kinesalite.close();
      }
    }
  }

  private static final String WARM_UP = "bench-clicks-warmup";

  private static int warmUpRecords(int records) {
    return ClickTopicsWorker.warmUpRecords(records);
  }

  /** The connector (defaults) or the raw loop; each run into a new stream, read back after. */
  private static final class Side implements Contestant {
    private final Fixture fixture;
    private final boolean rawLoop;
    private int runs;
    private String stream;

    Side(Fixture fixture, boolean rawLoop) {
      this.fixture = fixture;
      this.rawLoop = rawLoop;
    }

    @Override
    public String label() {
      return rawLoop ? "raw KPL put loop (KafkaConsumer + one KPL)" : "Spillway Kinesis sink";
    }

    @Override
    public String settings() {
      return rawLoop
          ? "KPL aggregation on, 500 records per PutRecords, metrics off, ≤ 100,000 outstanding"
          : "defaults; tasks.max=2, record.format=value, partition.key=record_key,"
              + " ByteArrayConverter";
    }

    @Override
    public void warmUp() throws Exception {
      move(WARM_UP, warmUpRecords(fixture.records));
      KinesisSinkBenchmark.verify(fixture.streams, stream, label(), warmUpRecords(fixture.records));
      reset();
    }

    @Override
    public double run() throws Exception {
      return fixture.records / move(KinesisSinkBenchmark.TOPIC, fixture.records);
    }

    private double move(String topic, int records) throws Exception {
      stream = "bench-" + (rawLoop ? "raw" : "sink") + "-" + runs++;
      fixture.streams.create(stream, KinesisSinkBenchmark.SHARDS);
      return rawLoop
          ? new RawKplLoop(fixture.connect.kafka(), fixture.kinesalite, stream).run(topic, records)
          : KinesisSinkBenchmark.runConnector(
              fixture.connect, fixture.kinesalite, topic, stream, stream, null, records);
    }

    @Override
    public void checkFinalState() {
      KinesisSinkBenchmark.verify(fixture.streams, stream, label(), fixture.records);
    }

    @Override
    public void reset() {
      if (stream != null) {
        fixture.streams.delete(stream);
        stream = null;
      }
    }
  }
}
