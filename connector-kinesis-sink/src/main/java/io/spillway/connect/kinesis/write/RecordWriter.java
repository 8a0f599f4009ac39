package io.spillway.connect.kinesis.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.kinesis.client.KplProducer;
import io.spillway.connect.kinesis.client.StreamAdmin;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * Hands one tracked record to the KPL: its stream (checked or created before the first record),
 * partition key and bytes, and a callback that settles the record when the KPL has written it or
 * given up. A record Kinesis could never take (over 1 MiB, or a value with no serialisation) throws
 * {@link RejectedRecordException} before anything is sent.
 */
public final class RecordWriter {
  /** Kinesis' limit on a record's data plus partition key (UTF-8 bytes). */
  public static final int MAX_RECORD_BYTES = 1024 * 1024;

  private final StreamNames streams;
  private final StreamAdmin admin;
  private final int shardCount;
  private final boolean createStreams;
  private final RecordEncoder encoder;
  private final PartitionKeys keys;
  private final KplProducer producer;
  private final Resends resends;
  private final KinesisMetrics metrics;

  public RecordWriter(
      StreamNames streams,
      StreamAdmin admin,
      int shardCount,
      boolean createStreams,
      RecordEncoder encoder,
      PartitionKeys keys,
      KplProducer producer,
      Resends resends,
      KinesisMetrics metrics) {
    this.streams = streams;
    this.admin = admin;
    this.shardCount = shardCount;
    this.createStreams = createStreams;
    this.encoder = encoder;
    this.keys = keys;
    this.producer = producer;
    this.resends = resends;
    this.metrics = metrics;
  }

  /** Sends the record (first time or again after a failure); the KPL settles it later. */
  public void send(Pending pending) {
    SinkRecord record = pending.record();
    String stream;
    try {
      stream = streams.of(record.topic());
    } catch (IllegalArgumentException e) {
      throw new RejectedRecordException(e.getMessage(), e);
    }
    admin.ensure(stream, shardCount, createStreams);
    UUID recordId = RecordEncoder.recordId(record);
    byte[] data;
    String partitionKey;
    try {
      data = encoder.encode(record, recordId);
      partitionKey = keys.of(record, recordId);
    } catch (DataException e) {
      throw new RejectedRecordException("the value cannot be serialised: " + e.getMessage(), e);
    }
    int size = data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_RECORD_BYTES) {
      throw new RejectedRecordException(
          "the Kinesis record would be "
              + size
              + " bytes (data and partition key); Kinesis takes at most "
              + MAX_RECORD_BYTES,
          null);
    }
    long sentAt = System.nanoTime();
    producer.add(
        stream,
        partitionKey,
        data,
        new KplProducer.Outcome() {
          @Override
          public void written(UserRecordResult result) {
            metrics.put(data.length, System.nanoTime() - sentAt);
            resends.written(pending);
            pending.ack();
          }

          @Override
          public void failed(Throwable error) {
            pending.fail(error);
          }
        });
  }
}
