package io.spillway.connect.bench;

import io.spillway.connect.testkit.Kinesalite;
import io.spillway.connect.testkit.KinesisStreams;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Kinesis sink's memory row: the backlog's values as they are into a fresh 4-shard stream per
 * run on one kinesalite (a 256 KiB record is well under Kinesis' 1 MiB), read back as it grows,
 * each record once, counting distinct clicks and values cut short.
 */
final class KinesisMemoryDestination implements MemoryDestination {
  private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put("tasks.max", "2");
    SETTINGS.put("record.format", "value");
    SETTINGS.put("partition.key", "record_key");
    SETTINGS.put("stream.create", "false");
    SETTINGS.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    SETTINGS.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
  }

  private final Kinesalite kinesalite;
  private final KinesisStreams streams;
  private String stream;
  private final Map<String, String> read = new HashMap<>();
  private final Set<Integer> clicks = new HashSet<>();
  private int cut;

  private KinesisMemoryDestination(Kinesalite kinesalite) {
    this.kinesalite = kinesalite;
    this.streams = kinesalite.streams();
  }

  static KinesisMemoryDestination start() {
    return new KinesisMemoryDestination(Kinesalite.launch());
  }

  @Override
  public String sink() {
    return "Kinesis sink";
  }

  @Override
  public String pluginProperty() {
    return "spillway.kinesis.archive";
  }

  @Override
  public String settings() {
    return MemoryDestination.stated(SETTINGS)
        + "; all other settings at their defaults (max.outstanding.records=100000, KPL"
        + " aggregation on); into a fresh 4-shard stream on kinesalite per run";
  }

  @Override
  public Map<String, String> create(String run, String topic) {
    stream = run;
    read.clear();
    clicks.clear();
    cut = 0;
    streams.create(stream, KinesisSinkBenchmark.SHARDS);
    Map<String, String> config = kinesalite.sinkConnection();
    config.putAll(SETTINGS);
    config.put("connector.class", "io.spillway.connect.kinesis.KinesisSinkConnector");
    config.put("topics", topic);
    config.put("stream.name.format", stream);
    return config;
  }

  /** Reads what arrived since the last call (each record once, aggregates split). */
  @Override
  public long landed() {
    for (KinesisStreams.StreamRecord record : streams.readNew(stream, read)) {
      String value = new String(record.data(), StandardCharsets.US_ASCII);
      clicks.add(click(value));
      if (record.data().length != MemoryBacklog.RECORD_BYTES) {
        cut++;
      }
    }
    return clicks.size();
  }

  /** The click number a value starts with: {"click":123,... */
  private static int click(String value) {
    int start = value.indexOf(':') + 1;
    return Integer.parseInt(value.substring(start, value.indexOf(',', start)));
  }

  @Override
  public void verify(int records) {
    landed();
    if (clicks.size() != records || cut != 0) {
      throw new IllegalStateException(
          String.format(
              "%s: %d distinct clicks of %d, %d records not of %d bytes",
              stream, clicks.size(), records, cut, MemoryBacklog.RECORD_BYTES));
    }
  }

  @Override
  public void drop() {
    if (stream != null) {
      streams.delete(stream);
      stream = null;
    }
  }

  @Override
  public void close() {
    try {
      streams.close();
    } finally {
      kinesalite.close();
    }
  }
}
