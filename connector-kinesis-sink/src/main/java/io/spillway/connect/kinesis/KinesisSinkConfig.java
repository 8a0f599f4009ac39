package io.spillway.connect.kinesis;

import io.spillway.connect.common.config.CrossFieldConfig;
import io.spillway.connect.common.config.EnumValidator;
import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.RetryConfig;
import io.spillway.connect.common.sink.RetryPolicy;
import io.spillway.connect.kinesis.client.KinesisClientConfig;
import io.spillway.connect.kinesis.client.KplSettings;
import io.spillway.connect.kinesis.write.PartitionKeyMode;
import io.spillway.connect.kinesis.write.RecordFormat;
import io.spillway.connect.kinesis.write.StreamNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Settings of the Kinesis sink: the endpoint and credentials ({@link KinesisClientConfig}), how
 * topics map to streams, how records become Kinesis records, batching and backpressure, retries,
 * and {@code kpl.*} settings passed to the Kinesis Producer Library as they are.
 */
public class KinesisSinkConfig extends CrossFieldConfig {
  public static final String STREAMS_GROUP = "Streams";
  public static final String RECORDS_GROUP = "Records";
  public static final String WRITES_GROUP = "Writes";

  public static final String STREAM_NAME_FORMAT = "stream.name.format";
  public static final String STREAM_NAME_FORMAT_DEFAULT = "${topic}";
  public static final String STREAM_NAME_FORMAT_DOC =
      "Destination stream of each topic; ${topic} is the record's topic (after transforms).";

  public static final String STREAM_NAME_STYLE = "stream.name.style";
  public static final String STREAM_NAME_STYLE_DEFAULT = "plain";
  public static final String STREAM_NAME_STYLE_DOC =
      "'plain': the formatted name as it is (it must be a valid stream name: letters, digits, '_',"
          + " '-', '.', at most 128 characters). 'airbyte': Airbyte's naming,"
          + " <stream.namespace>_<formatted name> with every character other than a letter, digit"
          + " or '_' replaced by '_', cut at 128 characters.";

  public static final String STREAM_NAMESPACE = "stream.namespace";
  public static final String STREAM_NAMESPACE_DOC =
      "Namespace of stream.name.style=airbyte (Airbyte's source namespace); may be empty.";

  public static final String STREAM_CREATE = "stream.create";
  public static final boolean STREAM_CREATE_DEFAULT = true;
  public static final String STREAM_CREATE_DOC =
      "Create a missing stream with stream.shard.count shards before its first record. When"
          + " false, a missing stream fails the task. Either way each stream is checked once"
          + " before the first put (the KPL would retry a missing stream until records expire).";

  public static final String STREAM_SHARD_COUNT = "stream.shard.count";
  public static final int STREAM_SHARD_COUNT_DEFAULT = 1;
  public static final String STREAM_SHARD_COUNT_DOC =
      "Shards of streams this connector creates (Airbyte's 'shardCount'). Existing streams are"
          + " used as they are.";

  public static final String RECORD_FORMAT = "record.format";
  public static final String RECORD_FORMAT_DEFAULT = "airbyte";
  public static final String RECORD_FORMAT_DOC =
      "What a Kinesis record holds. 'airbyte': Airbyte's JSON envelope {\"_airbyte_ab_id\":"
          + " record UUID, \"_airbyte_data\": the value as JSON text, \"_airbyte_emitted_at\":"
          + " epoch milliseconds}. 'flat': the Spillway flattened row (partition, offset,"
          + " timestamp, key, headers, value columns; flatten.* settings apply) as a JSON object."
          + " 'value': the value as it is (bytes or string; other values as JSON).";

  public static final String PARTITION_KEY = "partition.key";
  public static final String PARTITION_KEY_DEFAULT = "record_key";
  public static final String PARTITION_KEY_DOC =
      "Kinesis partition key, which picks the shard: 'record_key' (the record key as text; records"
          + " of one key stay in order), 'topic_partition' (topic-partition: a Kafka partition's"
          + " order is kept), 'field:<name>' (a value field), or 'uuid' (a UUID per record, spread"
          + " evenly). A null key or missing field falls back to the record's UUID. Keys over 256"
          + " characters are replaced by their SHA-256.";

  public static final String ORDERING = "ordering";
  public static final String ORDERING_DEFAULT = "key";
  public static final String ORDERING_DOC =
      "'key': the records of one partition key land in the stream in offset order: a key has one"
          + " record in the KPL at a time, the next is sent when it is acknowledged (throughput"
          + " per key is then bound by kpl.RecordMaxBufferedTime and the round trip; many keys"
          + " are written in parallel). 'none': the KPL sends records as it likes, fastest, but"
          + " records of a key written close together may land swapped (concurrent PutRecords"
          + " calls and retries), as with any KPL producer. partition.key=uuid never orders.";

  public static final String BUFFER_SIZE = "buffer.size";
  public static final int BUFFER_SIZE_DEFAULT = 500;
  public static final String BUFFER_SIZE_DOC =
      "Records per PutRecords call (Airbyte's 'bufferSize'; the KPL's CollectionMaxCount; Kinesis"
          + " allows at most 500).";

  public static final String MAX_OUTSTANDING_RECORDS = "max.outstanding.records";
  public static final int MAX_OUTSTANDING_RECORDS_DEFAULT = 100_000;
  public static final String MAX_OUTSTANDING_RECORDS_DOC =
      "Backpressure: records handed to the KPL but not yet acknowledged. Above it the task stops"
          + " taking records until acknowledgements catch up.";

  public static final String MAX_OUTSTANDING_BYTES = "max.outstanding.bytes";
  public static final long MAX_OUTSTANDING_BYTES_DEFAULT = 64L * 1024 * 1024;
  public static final String MAX_OUTSTANDING_BYTES_DOC =
      "Backpressure by size: the estimated bytes of records handed to the KPL but not yet"
          + " acknowledged. max.outstanding.records counts records, so with large records (100,000"
          + " of 256 KiB is 25 GiB) only this bound keeps the worker's heap safe.";

  public static final String FLUSH_TIMEOUT_MS = "flush.timeout.ms";
  public static final long FLUSH_TIMEOUT_MS_DEFAULT = 30_000L;
  public static final String FLUSH_TIMEOUT_MS_DOC =
      "Longest wait of an offset commit for outstanding records. Offsets are committed only up to"
          + " the first record not acknowledged yet, so a commit that gives up loses nothing.";

  public static final String MAX_RETRIES_DOC =
      "Puts of a record after the KPL gave up on it (at kpl.RecordTtl: endpoint unreachable,"
          + " throttled, stream not ACTIVE). Past them the record is still put again at the"
          + " longest backoff, but the task takes no new records (put throws a retriable error)"
          + " until it is written. Offsets never pass a record that is not written.";

  public static final String WORK_DIR = "kinesis.work.dir";
  public static final String WORK_DIR_DOC =
      "Folder under which the KPL's native daemon is unpacked (subfolder spillway-kinesis-kpl,"
          + " shared by the worker's tasks) and its pipes are made. Empty: the JVM's temp folder.";

  /** Where stream names come from. */
  public enum StreamNameStyle {
    PLAIN,
    AIRBYTE
  }

  /** Whether records of a partition key keep their order. */
  public enum Ordering {
    KEY,
    NONE
  }

  public static final ConfigDef CONFIG_DEF = configDef();

  public KinesisSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, true);
  }

  private KinesisSinkConfig(Map<?, ?> props, boolean check) {
    super(CONFIG_DEF, props, check);
  }

  static KinesisSinkConfig forValidation(Map<?, ?> props) {
    return new KinesisSinkConfig(props, false);
  }

  private static ConfigDef configDef() {
    ConfigDef def = KinesisClientConfig.define(new ConfigDef());
    int order = 0;
    def.define(
            STREAM_NAME_FORMAT,
            Type.STRING,
            STREAM_NAME_FORMAT_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            STREAM_NAME_FORMAT_DOC,
            STREAMS_GROUP,
            ++order,
            Width.MEDIUM,
            "Stream name format")
        .define(
            STREAM_NAME_STYLE,
            Type.STRING,
            STREAM_NAME_STYLE_DEFAULT,
            EnumValidator.of(StreamNameStyle.class),
            Importance.LOW,
            STREAM_NAME_STYLE_DOC,
            STREAMS_GROUP,
            ++order,
            Width.SHORT,
            "Stream name style")
        .define(
            STREAM_NAMESPACE,
            Type.STRING,
            "",
            Importance.LOW,
            STREAM_NAMESPACE_DOC,
            STREAMS_GROUP,
            ++order,
            Width.MEDIUM,
            "Namespace")
        .define(
            STREAM_CREATE,
            Type.BOOLEAN,
            STREAM_CREATE_DEFAULT,
            Importance.MEDIUM,
            STREAM_CREATE_DOC,
            STREAMS_GROUP,
            ++order,
            Width.SHORT,
            "Create streams")
        .define(
            STREAM_SHARD_COUNT,
            Type.INT,
            STREAM_SHARD_COUNT_DEFAULT,
            Range.between(1, 10_000),
            Importance.MEDIUM,
            STREAM_SHARD_COUNT_DOC,
            STREAMS_GROUP,
            ++order,
            Width.SHORT,
            "Shard count");
    order = 0;
    def.define(
            RECORD_FORMAT,
            Type.STRING,
            RECORD_FORMAT_DEFAULT,
            EnumValidator.of(RecordFormat.class),
            Importance.HIGH,
            RECORD_FORMAT_DOC,
            RECORDS_GROUP,
            ++order,
            Width.SHORT,
            "Record format")
        .define(
            PARTITION_KEY,
            Type.STRING,
            PARTITION_KEY_DEFAULT,
            PartitionKeyMode.VALIDATOR,
            Importance.HIGH,
            PARTITION_KEY_DOC,
            RECORDS_GROUP,
            ++order,
            Width.MEDIUM,
            "Partition key")
        .define(
            ORDERING,
            Type.STRING,
            ORDERING_DEFAULT,
            EnumValidator.of(Ordering.class),
            Importance.MEDIUM,
            ORDERING_DOC,
            RECORDS_GROUP,
            ++order,
            Width.SHORT,
            "Ordering");
    order = 0;
    def.define(
            BUFFER_SIZE,
            Type.INT,
            BUFFER_SIZE_DEFAULT,
            Range.between(1, 500),
            Importance.MEDIUM,
            BUFFER_SIZE_DOC,
            WRITES_GROUP,
            ++order,
            Width.SHORT,
            "Buffer size")
        .define(
            MAX_OUTSTANDING_RECORDS,
            Type.INT,
            MAX_OUTSTANDING_RECORDS_DEFAULT,
            Range.atLeast(1),
            Importance.MEDIUM,
            MAX_OUTSTANDING_RECORDS_DOC,
            WRITES_GROUP,
            ++order,
            Width.SHORT,
            "Max outstanding records")
        .define(
            MAX_OUTSTANDING_BYTES,
            Type.LONG,
            MAX_OUTSTANDING_BYTES_DEFAULT,
            Range.atLeast(1),
            Importance.MEDIUM,
            MAX_OUTSTANDING_BYTES_DOC,
            WRITES_GROUP,
            ++order,
            Width.SHORT,
            "Max outstanding bytes")
        .define(
            FLUSH_TIMEOUT_MS,
            Type.LONG,
            FLUSH_TIMEOUT_MS_DEFAULT,
            Range.atLeast(0),
            Importance.LOW,
            FLUSH_TIMEOUT_MS_DOC,
            WRITES_GROUP,
            ++order,
            Width.SHORT,
            "Flush timeout (ms)")
        .define(
            WORK_DIR,
            Type.STRING,
            "",
            Importance.LOW,
            WORK_DIR_DOC,
            WRITES_GROUP,
            ++order,
            Width.LONG,
            "Work folder");
    // The kit's retry keys and policy; max.retries documented for what it means here: the task
    // never fails for an outage, it stops taking records.
    RetryConfig.defineWithDoc(def, WRITES_GROUP, MAX_RETRIES_DOC);
    return FlattenConfig.define(def);
  }

  @Override
  public List<Map.Entry<String, String>> crossFieldErrors() {
    List<Map.Entry<String, String>> errors = super.crossFieldErrors();
    client().addCrossFieldErrors(errors);
    if (streamNameStyle() == StreamNameStyle.PLAIN) {
      String invalid = StreamNames.invalidPlainFormat(streamNameFormat());
      if (invalid != null) {
        errors.add(Map.entry(STREAM_NAME_FORMAT, invalid));
      }
    }
    return errors;
  }

  public KinesisClientConfig client() {
    return new KinesisClientConfig(this);
  }

  /** The {@code kpl.*} settings without their prefix, checked against the KPL's setters. */
  public KplSettings kpl() {
    return KplSettings.from(originalsWithPrefix(KplSettings.PREFIX));
  }

  public String streamNameFormat() {
    return getString(STREAM_NAME_FORMAT);
  }

  public StreamNameStyle streamNameStyle() {
    return EnumValidator.parse(StreamNameStyle.class, getString(STREAM_NAME_STYLE));
  }

  public String streamNamespace() {
    return getString(STREAM_NAMESPACE).trim();
  }

  public boolean streamCreate() {
    return getBoolean(STREAM_CREATE);
  }

  public int streamShardCount() {
    return getInt(STREAM_SHARD_COUNT);
  }

  public RecordFormat recordFormat() {
    return EnumValidator.parse(RecordFormat.class, getString(RECORD_FORMAT));
  }

  public PartitionKeyMode partitionKey() {
    return PartitionKeyMode.parse(getString(PARTITION_KEY));
  }

  /** True when records of a key must keep their order (and keys are not per record). */
  public boolean keyOrdering() {
    return EnumValidator.parse(Ordering.class, getString(ORDERING)) == Ordering.KEY
        && partitionKey().kind() != PartitionKeyMode.Kind.UUID;
  }

  public int bufferSize() {
    return getInt(BUFFER_SIZE);
  }

  public int maxOutstandingRecords() {
    return getInt(MAX_OUTSTANDING_RECORDS);
  }

  public long maxOutstandingBytes() {
    return getLong(MAX_OUTSTANDING_BYTES);
  }

  public Duration flushTimeout() {
    return Duration.ofMillis(getLong(FLUSH_TIMEOUT_MS));
  }

  public RetryPolicy retryPolicy() {
    return RetryConfig.policy(this);
  }

  public String workDir() {
    String dir = getString(WORK_DIR).trim();
    return dir.isEmpty() ? System.getProperty("java.io.tmpdir") : dir;
  }

  /** Connect's errors.tolerance of this connector (not part of this ConfigDef: Connect owns it). */
  public ErrorTolerance errorTolerance() {
    return ErrantRecords.tolerance(originalsStrings());
  }
}
