package io.spillway.connect.kafkasource;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.flatten.Columns;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRowJsonWriter;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.RawRecord;
import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.common.metrics.PluginGauges;
import io.spillway.connect.kafkasource.topics.PartitionAssignment;
import io.spillway.connect.kafkasource.topics.TopicSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads its share of source partitions with {@code assign} + {@code seek} from the positions in
 * Connect's offset storage, and emits each record as its flattened row keyed by {@code {partition,
 * offset}}. Connect commits the positions once the rows are written, so a restart resumes after the
 * last committed row: at worst the last uncommitted batch is read again.
 */
public class KafkaSourceTask extends SourceTask {
  static final String ASSIGNED_PARTITIONS = "task.assigned.partitions";
  private static final Logger log = LoggerFactory.getLogger(KafkaSourceTask.class);

  private final Semaphore consumerAccess = new Semaphore(1);
  private volatile boolean stopping;
  private RuntimeException failure;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Flattener flattener;
  private FlatRows rows;
  private FlatRowJsonWriter json; // null unless destination.serialization=json
  private TopicSelector selector;
  private Duration pollTimeout;
  private String cluster;
  private KafkaSourceConfig.StartFrom startFrom;
  private boolean keepPartition;
  private SourceTaskMetrics metrics;
  private RetriableFailures retries;
  private List<String> bootstrapServers;
  private final Map<TopicPartition, Map<String, Object>> sourcePartitions = new HashMap<>();
  private final Map<String, String> destinations = new HashMap<>();

  @Override
  public void start(Map<String, String> props) {
    KafkaSourceConfig config = new KafkaSourceConfig(props);
    List<TopicPartition> assigned = PartitionAssignment.decode(props.get(ASSIGNED_PARTITIONS));
    cluster = config.clusterAlias();
    startFrom = config.startFrom();
    keepPartition =
        config.destinationPartitioning() == KafkaSourceConfig.DestinationPartitioning.SOURCE;
    pollTimeout = Duration.ofMillis(config.pollTimeoutMs());
    selector = new TopicSelector(config);
    flattener = new Flattener(config);
    rows = new FlatRows();
    if (config.destinationSerialization() == KafkaSourceConfig.DestinationSerialization.JSON) {
      json = new FlatRowJsonWriter(config, config.destinationJsonConverterConfig());
    }
    metrics = new SourceTaskMetrics(PluginGauges.forTask(context), assigned);
    retries = new RetriableFailures(new RetryBackoff(), metrics, Time.SYSTEM);
    bootstrapServers = config.cluster().bootstrapAddresses();
    String clientId = props.getOrDefault("name", "kafka-source") + "-task-" + assigned.hashCode();
    consumer = new KafkaConsumer<>(ClusterClients.consumerProperties(config.cluster(), clientId));
    try {
      consumer.assign(assigned);
      for (TopicPartition partition : assigned) {
        sourcePartitions.put(partition, SourcePositions.sourcePartition(cluster, partition));
      }
      seekToStoredPositions(assigned);
    } catch (RuntimeException e) {
      // Connect stops only tasks that started: a failed start closes its own consumer.
      Utils.closeQuietly(consumer, "source consumer");
      consumer = null;
      throw e;
    }
    log.info("Task reads {} source partitions: {}", assigned.size(), assigned);
  }

  private void seekToStoredPositions(List<TopicPartition> assigned) {
    Map<Map<String, Object>, Map<String, Object>> stored =
        context.offsetStorageReader().offsets(new ArrayList<>(sourcePartitions.values()));
    List<TopicPartition> fresh = new ArrayList<>();
    for (TopicPartition partition : assigned) {
      Long next = SourcePositions.nextOffset(stored.get(sourcePartitions.get(partition)));
      if (next == null) {
        fresh.add(partition);
      } else {
        consumer.seek(partition, next);
      }
    }
    seekFresh(fresh);
  }

  private void seekFresh(List<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    if (startFrom == KafkaSourceConfig.StartFrom.LATEST) {
      consumer.seekToEnd(partitions);
    } else {
      consumer.seekToBeginning(partitions);
    }
  }

  @Override
  public List<SourceRecord> poll() {
    if (!retries.awaitNextAttempt()) {
      return null; // stopping
    }
    if (failure != null) {
      RuntimeException e = failure;
      failure = null;
      // the rows before the failing record went out with the previous poll
      return retryLater(e);
    }
    if (stopping || !consumerAccess.tryAcquire()) {
      return null;
    }
    try {
      return pollAndConvert();
    } catch (RuntimeException e) {
      return retryLater(e);
    } finally {
      consumerAccess.release();
    }
  }

  /**
   * Backs off after a retriable failure converting a batch (it was rewound: the next attempt
   * re-reads it); anything else fails the task.
   */
  private List<SourceRecord> retryLater(RuntimeException e) {
    if (!RetriableFailures.isRetriable(e)) {
      throw e;
    }
    retries.failed(e.getMessage(), e, true);
    return null;
  }

  private List<SourceRecord> pollAndConvert() {
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(pollTimeout);
    } catch (WakeupException e) {
      return null;
    } catch (OffsetOutOfRangeException e) {
      // Retention removed what the stored position points at (or the topic was recreated):
      // nothing older exists any more, so continue from what the log still holds.
      log.warn(
          "Stored positions are out of range on the source cluster {}; restarting those"
              + " partitions from {}",
          e.offsetOutOfRangePartitions(),
          startFrom);
      seekFresh(new ArrayList<>(e.partitions()));
      return null;
    } catch (RuntimeException e) {
      if (!RetriableFailures.isRetriable(e)) {
        throw e;
      }
      retries.failed("Reading the source cluster failed: " + e.getMessage(), e, false);
      return null;
    }
    if (records.isEmpty() && RetriableFailures.disconnected(consumer)) {
      retries.failed(
          "Source cluster unreachable: no connection to " + bootstrapServers, null, false);
      return null;
    }
    List<SourceRecord> out = convert(records);
    if (failure == null) {
      retries.succeeded(!records.isEmpty());
    }
    metrics.polled(out.size());
    for (TopicPartition partition : records.partitions()) {
      consumer.currentLag(partition).ifPresent(lag -> metrics.lag(partition, lag));
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * Converts a batch up to the first record that fails. On failure every partition is rewound to
   * its first record not converted, the rows before it are returned, and the failure is raised by
   * the next poll: bad input fails the task exactly at the bad record, a retriable error (say, an
   * unreachable schema registry) backs off and re-reads from there. Nothing is skipped either way.
   */
  private List<SourceRecord> convert(ConsumerRecords<byte[], byte[]> records) {
    List<SourceRecord> out = new ArrayList<>(records.count());
    TopicPartition current = null;
    int convertedInCurrent = 0;
    try {
      // Partition by partition (the order ConsumerRecords iterates in anyway): the partition's
      // position map and destination are looked up once per batch, not once per record.
      for (TopicPartition partition : records.partitions()) {
        current = partition;
        convertedInCurrent = 0;
        Map<String, Object> sourcePartition = sourcePartitions.get(partition);
        String destination = destinations.computeIfAbsent(partition.topic(), selector::destination);
        for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
          out.add(toSourceRecord(sourcePartition, destination, record));
          convertedInCurrent++;
        }
      }
    } catch (RuntimeException e) {
      rewind(records, current, convertedInCurrent);
      if (out.isEmpty()) {
        throw e;
      }
      failure = e;
    }
    return out;
  }

  /** Seeks each partition of the batch to its first record not converted. */
  private void rewind(
      ConsumerRecords<byte[], byte[]> records, TopicPartition failed, int convertedInFailed) {
    boolean beforeFailed = true; // partitions are converted in order: earlier ones completely
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
      int converted;
      if (partition.equals(failed)) {
        converted = convertedInFailed;
        beforeFailed = false;
      } else {
        converted = beforeFailed ? batch.size() : 0;
      }
      consumer.seek(
          partition,
          converted < batch.size()
              ? batch.get(converted).offset()
              : batch.get(batch.size() - 1).offset() + 1);
    }
  }

  private SourceRecord toSourceRecord(
      Map<String, Object> sourcePartition,
      String destination,
      ConsumerRecord<byte[], byte[]> record) {
    FlatRecord flat = flattener.flatten(RawRecord.of(record));
    if (flat.error() != null) {
      metrics.decodeError();
    }
    ConnectHeaders headers = new ConnectHeaders();
    Columns.markTombstone(flat, headers);
    Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
    Integer destinationPartition = keepPartition ? record.partition() : null;
    Map<String, Object> sourceOffset = SourcePositions.sourceOffset(record.offset() + 1);
    if (json != null) {
      return new SourceRecord(
          sourcePartition,
          sourceOffset,
          destination,
          destinationPartition,
          Schema.BYTES_SCHEMA,
          json.key(flat),
          Schema.BYTES_SCHEMA,
          json.value(flat, record.value()),
          timestamp,
          headers);
    }
    SchemaAndValue row = rows.toConnect(flat);
    return new SourceRecord(
        sourcePartition,
        sourceOffset,
        destination,
        destinationPartition,
        Columns.POSITION_KEY_SCHEMA,
        Columns.positionKey(flat),
        row.schema(),
        row.value(),
        timestamp,
        headers);
  }

  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    if (metadata != null) {
      metrics.written();
    }
  }

  @Override
  public void stop() {
    stopping = true;
    if (retries != null) {
      retries.stop();
    }
    if (consumer == null) {
      return;
    }
    consumer.wakeup();
    consumerAccess.acquireUninterruptibly();
    try {
      Utils.closeQuietly(consumer, "source consumer");
    } finally {
      consumerAccess.release();
    }
  }

  @Override
  public String version() {
    return PluginVersion.of(KafkaSourceTask.class);
  }
}
