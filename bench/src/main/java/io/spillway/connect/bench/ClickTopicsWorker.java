package io.spillway.connect.bench;

import io.spillway.connect.testkit.EmbeddedConnect;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sink row's worker: one embedded Connect worker with the sink's plugin folder, and a topic plus
 * its warm-up topic filled with {@link KinesisSinkBenchmark#produce JSON clicks}. Shared by the
 * sink rows that compare a connector with a raw client loop on the same topic.
 */
final class ClickTopicsWorker {
  final EmbeddedConnect connect;
  final int records;
  final long bytes;

  private ClickTopicsWorker(EmbeddedConnect connect, int records, long bytes) {
    this.connect = connect;
    this.records = records;
    this.bytes = bytes;
  }

  /** The plugin folder a system property names; fails with how to get one when it is not set. */
  static Path pluginFolder(String property, String sink) {
    String archive = System.getProperty(property, "");
    if (archive.isBlank() || !Files.isDirectory(Path.of(archive))) {
      throw new IllegalStateException(
          "System property "
              + property
              + " must name the "
              + sink
              + "'s plugin folder (was '"
              + archive
              + "'): run bench/run-all.sh, which builds and passes it");
    }
    return Path.of(archive);
  }

  /**
   * Starts the worker and fills {@code topic} with the scale's records and {@code warmUp} with
   * {@link #warmUpRecords}, both over {@link #keys} keys; the caller closes {@link #connect}.
   */
  static ClickTopicsWorker start(
      Path pluginFolder,
      Scale scale,
      int fullRecords,
      int fullKeys,
      String topic,
      String warmUp,
      int partitions,
      int valueBytes)
      throws Exception {
    EmbeddedConnect connect =
        EmbeddedConnect.builder()
            .pluginArchive(pluginFolder)
            .workerProp("offset.flush.interval.ms", "10000")
            .start();
    try {
      int records = scale.records(fullRecords);
      int keys = keys(records, fullKeys);
      connect.createTopic(topic, partitions);
      connect.createTopic(warmUp, partitions);
      long bytes = KinesisSinkBenchmark.produce(connect.kafka(), topic, records, keys, valueBytes);
      KinesisSinkBenchmark.produce(
          connect.kafka(), warmUp, warmUpRecords(records), keys, valueBytes);
      return new ClickTopicsWorker(connect, records, bytes);
    } catch (Exception | Error e) {
      connect.close();
      throw e;
    }
  }

  /** Distinct record keys: a tenth of the records, at least 10, at most {@code fullKeys}. */
  static int keys(int records, int fullKeys) {
    return Math.max(10, Math.min(records / 10, fullKeys));
  }

  /** Records in the warm-up topic: a tenth of the records, at least 100. */
  static int warmUpRecords(int records) {
    return Math.max(100, records / 10);
  }
}
