package io.spillway.connect.bench;

import java.util.Map;

/**
 * Where a memory row's sink writes the backlog ({@link MemoryRow}): a fresh destination per run,
 * its connector config, how many backlog records arrived so far, and the final check. One class per
 * sink; a new sink's memory row is one such class and one line in {@link BenchRows}.
 */
interface MemoryDestination extends AutoCloseable {
  /** The sink as the report names it, e.g. {@code Redshift sink}. */
  String sink();

  /** The system property naming the sink's plugin folder ({@code bench/run-all.sh} sets it). */
  String pluginProperty();

  /** The connector settings beyond the destination's address, stated in the report. */
  String settings();

  /**
   * Creates the run's fresh destination and returns the connector config that writes {@code topic}
   * into it ({@code tasks.max} included).
   */
  Map<String, String> create(String run, String topic) throws Exception;

  /**
   * What {@link #landed()} reaches once the whole backlog of {@code records} records over {@code
   * keys} keys is in: one per record; an upsert sink (one row per key) returns {@code keys}.
   */
  default int expected(int records, int keys) {
    return records;
  }

  /** Distinct backlog records (or keys) in the run's destination so far; cheap enough to poll. */
  long landed() throws Exception;

  /**
   * Throws unless the run's destination holds exactly the {@code expected} records (or keys) of the
   * backlog, each whole (its value of {@link MemoryBacklog#RECORD_BYTES} not cut).
   */
  void verify(int expected) throws Exception;

  /** Removes the run's destination. */
  void drop() throws Exception;

  @Override
  void close();

  /** {@code k=v, k=v} with converter classes shortened to their simple names. */
  static String stated(Map<String, String> settings) {
    return settings.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().replaceAll(".*\\.", ""))
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
