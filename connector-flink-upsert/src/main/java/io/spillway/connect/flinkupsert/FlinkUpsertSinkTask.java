package io.spillway.connect.flinkupsert;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.kafka.ClusterClients;
import io.spillway.connect.common.metrics.PluginGauges;
import io.spillway.connect.common.sink.AckedOffsets;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.flinkupsert.combine.MergeStage;
import io.spillway.connect.flinkupsert.config.FormatConfig;
import io.spillway.connect.flinkupsert.format.RowSerializers;
import io.spillway.connect.flinkupsert.write.ChangeEncoder;
import io.spillway.connect.flinkupsert.write.ChangeStage;
import io.spillway.connect.flinkupsert.write.KeyFields;
import io.spillway.connect.flinkupsert.write.Mode;
import io.spillway.connect.flinkupsert.write.ReductionWindow;
import io.spillway.connect.flinkupsert.write.RowChange;
import io.spillway.connect.flinkupsert.write.SendFailures;
import io.spillway.connect.flinkupsert.write.TargetTopics;
import io.spillway.connect.flinkupsert.write.UpsertChange;
import io.spillway.connect.flinkupsert.write.UpsertWriter;
import io.spillway.connect.flinkupsert.write.ValueRows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each record into a change of the target table (key row, value row), reduces the changes of
 * a flush window by key and sends the survivors with an idempotent acks=all producer. Connect
 * commits a partition only below its first record whose change is not acknowledged ({@link
 * AckedOffsets}); a send the producer gave up on rewinds its partitions ({@link SendFailures}).
 */
public class FlinkUpsertSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(FlinkUpsertSinkTask.class);
  private static final long ADMIN_TIMEOUT_MS = 30_000;
  // Pause before Connect redelivers a batch after a retriable error (registry or cluster down).
  private static final long RETRY_BACKOFF_MS = 1_000;

  private final Time time = Time.SYSTEM;
  private final AckedOffsets acks = new AckedOffsets();
  private final Map<TopicPartition, Long> firstTracked = new HashMap<>();
  private FlinkUpsertSinkConfig config;
  private ErrantRecords errant;
  private Admin admin;
  private TargetTopics topics;
  private ChangeEncoder encoder;
  private ChangeStage stage;
  private ReductionWindow window;
  private UpsertWriter writer;
  private SendFailures failures;
  private boolean reduce;
  private long received;
  private long skipped;

  @Override
  public void start(Map<String, String> props) {
    config = new FlinkUpsertSinkConfig(props);
    errant = ErrantRecords.forTask(context, config.errorTolerance());
    String clientId = "spillway-flink-upsert-" + UUID.randomUUID();
    admin = Admin.create(ClusterClients.adminProperties(config.target(), clientId));
    topics =
        new TargetTopics(
            config.targetTopic(),
            config.targetTopicFormat(),
            config.target().topicPrefix(),
            config.mode(),
            config.targetPartitions(),
            config.targetReplicationFactor());
    String keyFormat = config.keyFormat();
    encoder =
        new ChangeEncoder(
            topics,
            new KeyFields(config.keyFields(), FormatConfig.RAW.equals(keyFormat)),
            new ValueRows(config.valueFieldsInclude()),
            RowSerializers.create(keyFormat, true, config),
            RowSerializers.create(config.valueFormat(), false, config));
    stage = changeStage(clientId);
    reduce = config.mode() == Mode.UPSERT && config.bufferMaxRows() > 0;
    window = new ReductionWindow(config.bufferMaxRows(), config.bufferInterval().toMillis());
    writer = new UpsertWriter(new KafkaProducer<>(producerProperties(clientId)));
    failures = new SendFailures(acks, errant, firstTracked);
    PluginGauges gauges = PluginGauges.forTask(context);
    gauges.gauge("records-received-total", "Records the task took", () -> received);
    gauges.gauge("changes-sent-total", "Changes handed to the producer", writer::sent);
    gauges.gauge(
        "changes-acknowledged-total", "Changes the target acknowledged", writer::acknowledged);
    gauges.gauge("records-outstanding", "Records not settled yet", acks::inFlight);
    gauges.gauge("window-keys", "Distinct keys in the flush window", () -> window.size());
    if (stage instanceof MergeStage merge) {
      merge.gauges(gauges);
    }
    log.info(
        "Flink upsert sink task started: mode {}, key.fields {}, key.format {}, value.format {},"
            + " value.fields-include {}",
        config.mode(),
        config.keyFields(),
        keyFormat,
        config.valueFormat(),
        config.valueFieldsInclude());
  }

  private Map<String, Object> producerProperties(String clientId) {
    Map<String, Object> props = ClusterClients.producerProperties(config.target(), clientId);
    // Never weakened by the passthrough (validation refuses it): offsets follow acknowledgements.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return props;
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    Set<TopicPartition> rewound = failures.handle(writer.takeFailures(), window, context);
    List<Pending> settledNow = new ArrayList<>();
    try {
      for (SinkRecord record : records) {
        TopicPartition tp =
            new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        if (!rewound.contains(tp)) { // else redelivered from the rewound offset
          take(record, tp, settledNow);
        }
      }
    } catch (RetriableException e) {
      // Connect redelivers the batch: ask for it after a pause, not at the next offset commit.
      context.timeout(RETRY_BACKOFF_MS);
      throw e;
    } finally {
      // Records reported (or skipped) before a retriable error settle too: their redelivery is
      // skipped as already taken, so nothing else would settle them.
      if (!settledNow.isEmpty()) {
        errant.awaitReported();
        settledNow.forEach(Pending::ack);
      }
    }
    long now = time.milliseconds();
    if (window.full(now)) {
      sendWindow();
    } else if (window.dueInMillis(now) >= 0) {
      context.timeout(Math.max(1, window.dueInMillis(now)));
    }
  }

  private void take(SinkRecord record, TopicPartition tp, List<Pending> settledNow) {
    // Before tracking: a retriable failure here must not leave a tracked record behind.
    topics.ensure(admin, record.topic(), ADMIN_TIMEOUT_MS);
    Pending pending = acks.track(record);
    if (pending == null) {
      return; // redelivered after a retriable error: already taken
    }
    firstTracked.putIfAbsent(tp, record.originalKafkaOffset());
    if (record.value() == null && !config.deleteOnNull()) {
      received++;
      skipped++;
      settledNow.add(pending);
      return;
    }
    try {
      for (RowChange change : stage.apply(encoder.change(record, pending))) {
        accept(encoder.encode(change));
      }
    } catch (DataException e) {
      errant.report(record, e.getMessage(), e);
      settledNow.add(pending);
    } catch (RetriableException e) {
      // E.g. the schema registry is unreachable: the record was not sent. Untracked, its
      // redelivery is taken again rather than skipped as already sent (which would lose it).
      acks.untrack(pending);
      throw e;
    }
    received++;
  }

  private void accept(UpsertChange change) {
    if (reduce) {
      window.add(change, time.milliseconds());
      if (window.full(time.milliseconds())) {
        sendWindow();
      }
    } else {
      writer.send(change);
    }
  }

  private void sendWindow() {
    window.drain().forEach(writer::send);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    sendWindow();
    writer.flush();
    failures.handle(writer.takeFailures(), window, context);
    return acks.committable();
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    stage.assigned(partitions);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    stage.revoked(partitions);
    window.drop(partitions);
    acks.forget(partitions);
    firstTracked.keySet().removeAll(partitions);
  }

  @Override
  public void stop() {
    try {
      if (writer != null) {
        writer.close();
      }
      if (encoder != null) {
        encoder.close();
      }
      if (stage != null) {
        stage.close();
      }
    } finally {
      if (admin != null) {
        admin.close();
      }
    }
    log.info(
        "Flink upsert sink task stopped: {} records, {} skipped tombstones", received, skipped);
  }

  @Override
  public String version() {
    return PluginVersion.of(FlinkUpsertSinkTask.class);
  }

  /** The stage between key extraction and the reduction window: combine=merge plugs in here. */
  private ChangeStage changeStage(String clientId) {
    return config.combineMerge()
        ? MergeStage.create(config, topics, clientId + "-combine")
        : ChangeStage.PASS_THROUGH;
  }
}
