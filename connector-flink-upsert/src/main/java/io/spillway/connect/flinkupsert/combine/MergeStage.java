package io.spillway.connect.flinkupsert.combine;

import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.common.metrics.PluginGauges;
import io.spillway.connect.flinkupsert.FlinkUpsertSinkConfig;
import io.spillway.connect.flinkupsert.format.RowSerializer;
import io.spillway.connect.flinkupsert.format.RowSerializers;
import io.spillway.connect.flinkupsert.write.ChangeStage;
import io.spillway.connect.flinkupsert.write.Row;
import io.spillway.connect.flinkupsert.write.RowChange;
import io.spillway.connect.flinkupsert.write.TargetTopics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * combine=merge: the input change of a key becomes the merged row of that key, its columns laid
 * over the columns the key already has (from any input topic), written to the target partition of
 * the input partition. A delete of any input deletes the merged row. The state of the task's
 * partitions ({@link MergedRows}) is rebuilt from the target when they are assigned ({@link
 * TargetStateReader}) and dropped when they are revoked.
 *
 * <p>State and target hold the same bytes: a merged row is read back from its JSON value the way it
 * is rebuilt from the target, so a task that rebuilt its state continues exactly as the one before
 * it would have.
 */
public final class MergeStage implements ChangeStage {
  private static final Duration STALL_TIMEOUT = Duration.ofMinutes(1);

  private final String target;
  private final RowSerializer keyFormat;
  private final RowSerializer valueFormat;
  private final MergedRows rows;
  private final CoAssignment assignment;
  private final TargetStateReader reader;
  private long rebuiltRecords;

  /**
   * @param inputs the input topics (co-partitioned)
   * @param target the one target topic
   * @param keyFormat serializer of the key rows: keys are matched by these bytes
   * @param valueFormat serializer of the value rows (JSON)
   * @param reader reads a target partition into the state
   */
  MergeStage(
      List<String> inputs,
      String target,
      RowSerializer keyFormat,
      RowSerializer valueFormat,
      MergedRows rows,
      TargetStateReader reader) {
    this.target = target;
    this.keyFormat = keyFormat;
    this.valueFormat = valueFormat;
    this.rows = rows;
    this.assignment = new CoAssignment(inputs);
    this.reader = reader;
  }

  /** The stage of a task: serializers of the configured formats, a consumer of the target. */
  public static MergeStage create(
      FlinkUpsertSinkConfig config, TargetTopics topics, String clientId) {
    Map<String, Object> props = ClusterClients.consumerProperties(config.target(), clientId);
    // Reading a target that is not there yet must not create it (uncompacted) on the broker.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    String target = topics.target("");
    return new MergeStage(
        config.inputTopics(),
        target,
        RowSerializers.create(config.keyFormat(), true, config),
        RowSerializers.create(config.valueFormat(), false, config),
        new MergedRows(config.combineStateMaxBytes()),
        new TargetStateReader(new KafkaConsumer<>(props), target, STALL_TIMEOUT));
  }

  @Override
  public List<RowChange> apply(RowChange change) {
    int partition = change.record().originalKafkaPartition();
    if (!rows.holds(partition)) {
      rebuild(partition); // a record of a partition open() did not announce
    }
    byte[] key = keyFormat.serialize(target, change.key().schema(), change.key().value());
    if (change.isDelete()) {
      rows.put(partition, key, null);
      return List.of(merged(change, partition, null));
    }
    Row value = change.value();
    Map<String, Object> columns =
        JsonColumns.read(valueFormat.serialize(target, value.schema(), value.value()), target);
    byte[] prior = rows.get(partition, key);
    Map<String, Object> merged = columns;
    if (prior != null) {
      merged = JsonColumns.read(prior, target);
      merged.putAll(columns); // this input's columns replace theirs; new columns go last
    }
    rows.put(partition, key, valueFormat.serialize(target, null, merged));
    return List.of(merged(change, partition, new Row(null, merged)));
  }

  private RowChange merged(RowChange change, int partition, Row value) {
    return new RowChange(change.record(), target, partition, change.key(), value, change.settles());
  }

  @Override
  public void assigned(Collection<TopicPartition> partitions) {
    assignment.assigned(partitions);
    for (int partition :
        new TreeSet<>(partitions.stream().map(TopicPartition::partition).toList())) {
      if (!rows.holds(partition)) {
        rebuild(partition);
      }
    }
  }

  private void rebuild(int partition) {
    rebuiltRecords += reader.rebuild(partition, rows);
  }

  @Override
  public void revoked(Collection<TopicPartition> partitions) {
    assignment.revoked(partitions);
    for (TopicPartition tp : partitions) {
      rows.drop(tp.partition()); // rebuilt from the target by whoever owns it next
    }
  }

  /** Registers the state's gauges with the task's metrics. */
  public void gauges(PluginGauges gauges) {
    gauges.gauge("combine-state-keys", "Keys of the merged state", rows::keys);
    gauges.gauge("combine-state-bytes", "Estimated bytes of the merged state", rows::bytes);
    gauges.gauge(
        "combine-rebuilt-records-total",
        "Target records read to rebuild the merged state",
        () -> rebuiltRecords);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } finally {
      keyFormat.close();
      valueFormat.close();
    }
  }
}
