package io.spillway.connect.bench;

import io.spillway.connect.testkit.PluginPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * The memory rows' environment: one in-JVM broker and one topic holding the backlog, produced once
 * before any worker starts, which every memory row's runs read from the start; and a folder for the
 * worker processes' properties, logs and GC logs.
 */
final class MemoryBacklog implements AutoCloseable {
  static final String TOPIC = "memory_backlog";
  static final int RECORD_BYTES = 256 * 1024;

  /** 1 GiB of 256 KiB records. */
  static final int FULL_RECORDS = 4_096;

  /** 8 MiB: the least a run moves, so that a smoke run takes seconds. */
  static final int MIN_RECORDS = 32;

  static final int PARTITIONS = 4;

  final EmbeddedKafkaCluster kafka;
  final Path dir;
  final int records;
  final int keys;
  final long bytes;
  final Contestant limit = new HeapLimit();

  private MemoryBacklog(EmbeddedKafkaCluster kafka, Path dir, int records, int keys, long bytes) {
    this.kafka = kafka;
    this.dir = dir;
    this.records = records;
    this.keys = keys;
    this.bytes = bytes;
  }

  static MemoryBacklog start(Scale scale) throws Exception {
    int records = (int) Math.max(MIN_RECORDS, Math.round(FULL_RECORDS * scale.factor()));
    int keys = ClickTopicsWorker.keys(records, 100_000);
    EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new Properties());
    Path dir = Files.createTempDirectory("spillway-bench-memory-");
    try {
      kafka.start();
      kafka.createTopic(TOPIC, PARTITIONS);
      long bytes =
          KinesisSinkBenchmark.produce(
              kafka.bootstrapServers(), TOPIC, records, keys, RECORD_BYTES);
      return new MemoryBacklog(kafka, dir, records, keys, bytes);
    } catch (Exception | Error e) {
      kafka.stop();
      PluginPath.deleteRecursively(dir);
      throw e;
    }
  }

  BenchRow.DataSet data() {
    return new BenchRow.DataSet(
        records,
        bytes,
        String.format("%,d keys user-<n>", keys),
        "JSON click values padded to 256 KiB, "
            + PARTITIONS
            + " partitions, all produced before the worker starts; per run one Connect worker"
            + " process (G1, -Xmx"
            + HeapLimit.MIB
            + "m) with only this sink's plugin, Connect's default offset.flush.interval.ms (60 s),"
            + " until every record is in a fresh destination; the figure is the most heap in use"
            + " before a GC pause or at the worker's exit, from its GC log");
  }

  @Override
  public void close() {
    try {
      kafka.stop();
    } finally {
      PluginPath.deleteRecursively(dir);
    }
  }

  /** The peer of every memory row: the heap the worker may use, which no run may exceed. */
  static final class HeapLimit implements Contestant {
    static final int MIB = 512;

    @Override
    public String label() {
      return "worker heap limit (-Xmx" + MIB + "m)";
    }

    @Override
    public String settings() {
      return "not a run: the maximum heap of the worker JVM, which each run's GC log confirms"
          + " (Heap Max Capacity)";
    }

    @Override
    public void warmUp() {
      // nothing runs
    }

    @Override
    public double run() {
      return MIB;
    }

    @Override
    public void checkFinalState() {
      // nothing runs
    }
  }
}
