package io.spillway.connect.flinkupsert.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends changes with the target's producer (acks=all, idempotent: a key's changes land in order) to
 * the partition Kafka's default partitioner picks from the key bytes (murmur2), as Flink's sink
 * does. A change's records settle in its callback; failed changes wait for the task thread.
 */
public final class UpsertWriter implements AutoCloseable {
  /** A change the producer gave up on (after its own retries), with the reason. */
  public record Failed(UpsertChange change, Exception error) {}

  private final Producer<byte[], byte[]> producer;
  private final List<Failed> failed = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();

  public UpsertWriter(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  public void send(UpsertChange change) {
    Long timestamp = change.record().timestamp();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            change.topic(), change.partition(), timestamp, change.key(), change.value());
    sent.incrementAndGet();
    producer.send(
        record,
        (metadata, error) -> {
          if (error == null) {
            acknowledged.incrementAndGet();
            change.settles().forEach(Pending::ack);
          } else {
            synchronized (failed) {
              failed.add(new Failed(change, error));
            }
          }
        });
  }

  /** Changes that failed since the last call. */
  public List<Failed> takeFailures() {
    synchronized (failed) {
      List<Failed> taken = new ArrayList<>(failed);
      failed.clear();
      return taken;
    }
  }

  /** Blocks until every change sent so far is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  /** Changes handed to the producer since the task started. */
  public long sent() {
    return sent.get();
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
