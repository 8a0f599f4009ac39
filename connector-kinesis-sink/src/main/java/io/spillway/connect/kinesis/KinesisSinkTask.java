package io.spillway.connect.kinesis;

import io.spillway.connect.common.PluginVersion;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.metrics.PluginGauges;
import io.spillway.connect.common.sink.AckedOffsets;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.kinesis.client.AwsClients;
import io.spillway.connect.kinesis.client.KplProducer;
import io.spillway.connect.kinesis.client.StreamAdmin;
import io.spillway.connect.kinesis.write.KinesisMetrics;
import io.spillway.connect.kinesis.write.PartitionKeys;
import io.spillway.connect.kinesis.write.RecordEncoder;
import io.spillway.connect.kinesis.write.RecordFormat;
import io.spillway.connect.kinesis.write.RecordWriter;
import io.spillway.connect.kinesis.write.Resends;
import io.spillway.connect.kinesis.write.StreamNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every record to the Kinesis Producer Library, which batches and aggregates them, and lets
 * Connect commit a partition's offset only below its first record the KPL has not acknowledged
 * ({@link AckedOffsets}). Records the KPL gave up on are put again with backoff ({@link Resends});
 * records Kinesis can never take go to the error policy.
 */
public class KinesisSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(KinesisSinkTask.class);
  private static final long POLL_MS = 5;

  private final Time time = Time.SYSTEM;
  private final AckedOffsets acks = new AckedOffsets();
  private KinesisSinkConfig config;
  private ErrantRecords errant;
  private KinesisMetrics metrics;
  private Resends resends;
  private AwsClients aws;
  private StreamAdmin admin;
  private KplProducer producer;
  private RecordWriter writer;

  @Override
  public void start(Map<String, String> props) {
    config = new KinesisSinkConfig(props);
    errant = ErrantRecords.forTask(context, config.errorTolerance());
    metrics = new KinesisMetrics(PluginGauges.forTask(context), acks::inFlight);
    resends = new Resends(config.retryPolicy(), time);
    aws = new AwsClients(config.client());
    admin = new StreamAdmin(config.client(), aws);
    producer =
        new KplProducer(
            config.kpl(), config.client(), aws, Path.of(config.workDir()), config.bufferSize());
    Flattener flattener =
        config.recordFormat() == RecordFormat.FLAT ? new Flattener(new FlattenConfig(props)) : null;
    writer =
        new RecordWriter(
            new StreamNames(
                config.streamNameFormat(), config.streamNameStyle(), config.streamNamespace()),
            admin,
            config.streamShardCount(),
            config.streamCreate(),
            new RecordEncoder(config.recordFormat(), flattener),
            new PartitionKeys(config.partitionKey()),
            producer,
            resends,
            metrics,
            config.keyOrdering());
    log.info(
        "Kinesis sink task started: region {}, record.format {}, partition.key {}",
        config.client().region(),
        config.recordFormat(),
        config.partitionKey());
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    resendFailed();
    if (resends.exhausted()) {
      // Past max.retries: take nothing new (Connect redelivers this batch later) until the
      // failed records are written; offsets stay below them meanwhile.
      context.timeout(Math.max(1, resends.nextDueInMillis()));
      throw new RetriableException(
          "Kinesis puts keep failing after "
              + config.retryPolicy().maxRetries()
              + " retries; retrying, taking no new records until they succeed");
    }
    awaitCapacity();
    List<Pending> rejected = new ArrayList<>();
    try {
      for (SinkRecord record : records) {
        Pending pending = acks.track(record);
        if (pending == null) {
          continue; // redelivered after a retriable error: already handed to the KPL
        }
        try {
          send(pending);
        } catch (RejectedRecordException e) {
          metrics.rejected();
          errant.report(record, e.getMessage(), e.getCause());
          rejected.add(pending);
        }
        awaitCapacity(); // per record: one batch of large records can exceed the bounds
      }
    } finally {
      // Also when a retriable error ends the batch early: the redelivery skips these records as
      // already taken, so only this settles them.
      if (!rejected.isEmpty()) {
        errant.awaitReported();
        rejected.forEach(Pending::ack);
      }
    }
    long nextResend = resends.nextDueInMillis();
    if (nextResend >= 0) {
      context.timeout(Math.max(1, nextResend));
    }
  }

  /** Puts again the records the KPL gave up on whose backoff has ended. */
  private void resendFailed() {
    List<Pending> failed = acks.failures();
    if (!failed.isEmpty()) {
      failed.forEach(pending -> metrics.retry());
      int overBudget = resends.failed(failed);
      log.warn(
          "The KPL gave up on {} records ({} past max.retries), putting them again: {}",
          failed.size(),
          overBudget,
          String.valueOf(failed.get(0).error()));
    }
    List<Pending> due = resends.due();
    for (int i = 0; i < due.size(); i++) {
      try {
        writer.resend(due.get(i));
      } catch (RetriableException e) {
        for (Pending notSent : due.subList(i, due.size())) {
          notSent.fail(e);
        }
        throw e;
      }
    }
  }

  /**
   * Sends a tracked record. When the stream check fails (endpoint down), the record counts as a
   * failed put, resent after its backoff: a tracked record is never left behind.
   */
  private void send(Pending pending) {
    try {
      writer.send(pending);
    } catch (RetriableException e) {
      pending.fail(e);
      throw e;
    }
  }

  /** Backpressure: waits while max.outstanding.records or max.outstanding.bytes are in flight. */
  private void awaitCapacity() {
    if (!full()) {
      return;
    }
    producer.flush();
    long deadline = time.milliseconds() + config.flushTimeout().toMillis();
    while (full()) {
      if (time.milliseconds() > deadline) {
        context.timeout(config.retryPolicy().backoff().toMillis());
        throw new RetriableException(
            acks.inFlight()
                + " records ("
                + acks.inFlightBytes()
                + " bytes) outstanding (max.outstanding.records, max.outstanding.bytes): waiting"
                + " for Kinesis");
      }
      resendFailed();
      time.sleep(POLL_MS);
    }
  }

  private boolean full() {
    return acks.inFlight() >= config.maxOutstandingRecords()
        || acks.inFlightBytes() >= config.maxOutstandingBytes();
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    producer.flush();
    long deadline = time.milliseconds() + config.flushTimeout().toMillis();
    try {
      // Wait for what the KPL holds and what waits behind its key, unless a key waits for a
      // resend's backoff: then commit what is written now.
      while ((producer.outstanding() > 0 || (writer.waitingForKey() > 0 && resends.waiting() == 0))
          && time.milliseconds() < deadline) {
        resendFailed();
        time.sleep(POLL_MS);
      }
      resendFailed();
    } catch (RetriableException e) {
      log.warn("Not every record is written yet; committing only what is: {}", e.getMessage());
    }
    return acks.committable();
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    acks.forget(partitions);
    resends.forget(partitions);
    writer.forget(partitions);
  }

  @Override
  public void stop() {
    long started = time.milliseconds();
    try {
      if (producer != null) {
        producer.flush();
        producer.close();
        log.info("KPL stopped in {} ms", time.milliseconds() - started);
      }
    } finally {
      if (admin != null) {
        admin.close();
      }
      if (aws != null) {
        aws.close();
      }
    }
  }

  @Override
  public String version() {
    return PluginVersion.of(KinesisSinkTask.class);
  }
}
