package io.spillway.connect.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Static registry of the records that {@link RecordingSinkTask}s received, keyed by recording name.
 *
 * <p>Static because the worker instantiates connectors and tasks itself: a test can only reach them
 * through shared state. This works because {@link RecordingSinkConnector} is loaded from the test
 * classpath (not from an isolated plugin.path), i.e. by the same class loader as the test.
 */
public final class RecordingSink {

  private static final Map<String, List<SinkRecord>> RECORDS = new ConcurrentHashMap<>();

  private RecordingSink() {}

  /** A snapshot of the records captured so far under {@code name}, in arrival order. */
  public static List<SinkRecord> records(String name) {
    List<SinkRecord> records = RECORDS.get(name);
    if (records == null) {
      return List.of();
    }
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /**
   * Waits until at least {@code count} records were captured under {@code name} and returns a
   * snapshot of all of them (which may hold more than {@code count}).
   */
  public static List<SinkRecord> await(String name, int count, Duration timeout) {
    return Await.value(
        timeout,
        count + " record(s) in recording '" + name + "'",
        () -> records(name),
        records -> records.size() >= count,
        records -> records.size() + " record(s): " + summary(records));
  }

  /** Forgets the records captured under {@code name}. */
  public static void clear(String name) {
    RECORDS.remove(name);
  }

  /** Forgets every recording; call it between tests that reuse recording names. */
  public static void clearAll() {
    RECORDS.clear();
  }

  static void append(String name, Collection<SinkRecord> batch) {
    List<SinkRecord> records = RECORDS.computeIfAbsent(name, ignored -> new ArrayList<>());
    synchronized (records) {
      records.addAll(batch);
    }
  }

  private static String summary(List<SinkRecord> records) {
    StringBuilder out = new StringBuilder("[");
    int shown = Math.min(records.size(), 5);
    for (int i = 0; i < shown; i++) {
      SinkRecord r = records.get(i);
      out.append(i == 0 ? "" : ", ")
          .append(r.topic())
          .append('-')
          .append(r.kafkaPartition())
          .append('@')
          .append(r.kafkaOffset())
          .append(' ')
          .append(r.key())
          .append('=')
          .append(r.value());
    }
    return out.append(records.size() > shown ? ", ...]" : "]").toString();
  }
}
