package io.spillway.connect.kinesis.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.RejectedRecordException;
import io.spillway.connect.kinesis.client.KplProducer;
import io.spillway.connect.kinesis.client.StreamAdmin;
import io.spillway.connect.kinesis.write.KeyOrder.Prepared;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * Hands one tracked record to the KPL: its stream (checked or created before the first record),
 * partition key and bytes, and a callback that settles the record when the KPL has written it or
 * given up. With {@code ordering=key} a record waits until the previous one of its key is written
 * ({@link KeyOrder}). A record Kinesis could never take (over 1 MiB, or a value with no
 * serialisation) throws {@link RejectedRecordException} before anything is sent.
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
  private final KeyOrder order;
  // Records the KPL gave up on, kept prepared (and holding their key's turn) until resent.
  private final Map<Pending, Prepared> failed = new ConcurrentHashMap<>();

  public RecordWriter(
      StreamNames streams,
      StreamAdmin admin,
      int shardCount,
      boolean createStreams,
      RecordEncoder encoder,
      PartitionKeys keys,
      KplProducer producer,
      Resends resends,
      KinesisMetrics metrics,
      boolean keyOrder) {
    this.streams = streams;
    this.admin = admin;
    this.shardCount = shardCount;
    this.createStreams = createStreams;
    this.encoder = encoder;
    this.keys = keys;
    this.producer = producer;
    this.resends = resends;
    this.metrics = metrics;
    this.order = keyOrder ? new KeyOrder() : null;
  }

  /** Sends a new record; the KPL settles it later (or it waits behind its key first). */
  public void send(Pending pending) {
    Prepared prepared = prepare(pending);
    if (order == null || order.admit(prepared)) {
      hand(prepared);
    }
  }

  /** Sends again a record the KPL gave up on; it still holds its key's turn. */
  public void resend(Pending pending) {
    Prepared prepared = failed.remove(pending);
    if (prepared == null) {
      send(pending); // failed before it was prepared (the stream check), never admitted
    } else {
      hand(prepared);
    }
  }

  /** Drops what waits for revoked partitions; sends the records that now head their keys. */
  public void forget(Collection<TopicPartition> revoked) {
    Set<TopicPartition> gone = new HashSet<>(revoked);
    failed.keySet().removeIf(pending -> gone.contains(partition(pending.record())));
    if (order != null) {
      order.forget(revoked).forEach(this::hand);
    }
  }

  /** Records waiting behind an earlier record of their key, not yet in the KPL. */
  public int waitingForKey() {
    return order == null ? 0 : order.waiting();
  }

  private Prepared prepare(Pending pending) {
    SinkRecord record = pending.record();
    String stream;
    try {
      stream = streams.of(record.topic());
    } catch (IllegalArgumentException e) {
      throw new RejectedRecordException(e.getMessage(), e);
    }
    admin.ensure(stream, shardCount, createStreams);
    // An MD5 per record: only the airbyte format and key fallbacks need it.
    UUID[] id = new UUID[1];
    Supplier<UUID> recordId =
        () -> id[0] != null ? id[0] : (id[0] = RecordEncoder.recordId(record));
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
              + MAX_RECORD_BYTES);
    }
    return new Prepared(pending, stream, partitionKey, data);
  }

  private void hand(Prepared prepared) {
    long sentAt = System.nanoTime();
    Pending pending = prepared.pending();
    producer.add(
        prepared.stream(),
        prepared.partitionKey(),
        prepared.data(),
        new KplProducer.Outcome() {
          @Override
          public void written(UserRecordResult result) {
            metrics.put(prepared.data().length, System.nanoTime() - sentAt);
            resends.written(pending);
            pending.ack();
            Prepared next = order == null ? null : order.release(prepared);
            if (next != null) {
              hand(next);
            }
          }

          @Override
          public void failed(Throwable error) {
            failed.put(pending, prepared);
            resends.putFailed(pending, error);
          }
        });
  }

  private static TopicPartition partition(SinkRecord record) {
    return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
  }
}
