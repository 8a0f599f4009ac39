package io.spillway.connect.kinesis.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps the records of one partition key in order ({@code ordering=key}). The KPL does not: records
 * of one shard go out in concurrent PutRecords calls and come back from retries late, so two
 * records of a key written within a few hundred milliseconds may land swapped. Here a key has at
 * most one record in the KPL; the next waits until that one is acknowledged (a failed one keeps the
 * key until its resend succeeds). Keys are per stream. Thread-safe: the KPL's callbacks release.
 */
public final class KeyOrder {
  /** A record ready for the KPL. */
  public record Prepared(Pending pending, String stream, String partitionKey, byte[] data) {
    String key() {
      return stream + '\n' + partitionKey;
    }

    TopicPartition partition() {
      return new TopicPartition(
          pending.record().originalTopic(), pending.record().originalKafkaPartition());
    }
  }

  private static final class Lane {
    Prepared holder;
    final ArrayDeque<Prepared> waiting = new ArrayDeque<>();
  }

  private final Map<String, Lane> lanes = new HashMap<>();

  /** True when the record may go to the KPL now; false when it waits behind its key. */
  public synchronized boolean admit(Prepared prepared) {
    Lane lane = lanes.get(prepared.key());
    if (lane == null) {
      lane = new Lane();
      lane.holder = prepared;
      lanes.put(prepared.key(), lane);
      return true;
    }
    lane.waiting.addLast(prepared);
    return false;
  }

  /** The record was written: returns the next record of its key to send, or null. */
  public synchronized Prepared release(Prepared written) {
    Lane lane = lanes.get(written.key());
    if (lane == null || lane.holder != written) {
      return null; // a late callback of a record whose partition was revoked
    }
    lane.holder = lane.waiting.pollFirst();
    if (lane.holder == null) {
      lanes.remove(written.key());
    }
    return lane.holder;
  }

  /** Records waiting behind their key, not yet in the KPL. */
  public synchronized int waiting() {
    return lanes.values().stream().mapToInt(lane -> lane.waiting.size()).sum();
  }

  /**
   * Drops the records of revoked partitions (their next owner reads them again) and returns the
   * records that now head their key, to send.
   */
  public synchronized List<Prepared> forget(Collection<TopicPartition> revoked) {
    Set<TopicPartition> gone = new HashSet<>(revoked);
    List<Prepared> next = new ArrayList<>();
    lanes
        .entrySet()
        .removeIf(
            entry -> {
              Lane lane = entry.getValue();
              lane.waiting.removeIf(prepared -> gone.contains(prepared.partition()));
              if (gone.contains(lane.holder.partition())) {
                lane.holder = lane.waiting.pollFirst();
                if (lane.holder == null) {
                  return true;
                }
                next.add(lane.holder);
              }
              return false;
            });
    return next;
  }
}
