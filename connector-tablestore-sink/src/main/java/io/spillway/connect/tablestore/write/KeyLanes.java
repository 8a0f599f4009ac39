package io.spillway.connect.tablestore.write;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.tablestore.client.TablestoreErrors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps the rows of one primary key (table + key values) landing in record order across retries.
 * Per key, a lane holds the rows handed over and not yet acknowledged, in order. A row is
 * acknowledged only when every earlier row of its key is. A retriable failure breaks the lane:
 * later rows of the key wait in it (not sent), and when the task retries the failed row the whole
 * lane is sent again in order, so a row sent after the failed one (even one already written) lands
 * after its retry. Only keys with rows in flight or waiting have a lane. Thread-safe: callbacks
 * come on the client's threads; only the task thread sends.
 */
final class KeyLanes {
  record Key(String table, PrimaryKey primaryKey) {}

  private enum State {
    SENT,
    WRITTEN,
    FAILED
  }

  /** One row of a lane; {@code sends} tells the current send from an outdated one's callback. */
  static final class Entry {
    final Key key;
    final Pending pending;
    private State state = State.SENT;
    private int sends;

    private Entry(Key key, Pending pending) {
      this.key = key;
      this.pending = pending;
    }
  }

  /** A send to make: the entry and the number of this send, for its callback. */
  record Send(Entry entry, int send) {}

  private static final class Lane {
    final Key key;
    final ArrayDeque<Entry> entries = new ArrayDeque<>();
    boolean broken;

    Lane(Key key) {
      this.key = key;
    }
  }

  private final Map<Key, Lane> lanes = new HashMap<>();
  private final Map<Pending, Entry> entries = new HashMap<>();

  /**
   * A record to write: a new row is appended to its key's lane, a retried one sends its lane again.
   *
   * @return the rows to send now, in order (none while the key waits for a retry)
   */
  synchronized List<Send> write(Key key, Pending pending) {
    Entry known = entries.get(pending);
    if (known != null) {
      Lane lane = lanes.get(known.key);
      if (!lane.broken) {
        return List.of(); // sent again already, with an earlier row of its key
      }
      return resend(lane);
    }
    Lane lane = lanes.computeIfAbsent(key, Lane::new);
    Entry entry = new Entry(key, pending);
    lane.entries.addLast(entry);
    entries.put(pending, entry);
    if (lane.broken) {
      return List.of(); // waits behind the failed row, sent with its retry
    }
    return List.of(new Send(entry, ++entry.sends));
  }

  /** The row's current send was written: it and the written rows after it may be acknowledged. */
  void written(Send send) {
    List<Pending> acked = new ArrayList<>();
    synchronized (this) {
      if (!current(send)) {
        return;
      }
      send.entry().state = State.WRITTEN;
      settleHead(lanes.get(send.entry().key), acked);
    }
    acked.forEach(Pending::ack);
  }

  /**
   * The row's current send failed. A retriable error breaks its lane: the first failed row of the
   * lane goes to the task for its retry, which sends the lane again (the other failed rows with
   * it). Any other error takes the row out of order (the task reports it).
   */
  void failed(Send send, Throwable error) {
    List<Pending> acked = new ArrayList<>();
    boolean report = true;
    synchronized (this) {
      if (!current(send)) {
        return;
      }
      Entry entry = send.entry();
      Lane lane = lanes.get(entry.key);
      if (TablestoreErrors.isRetriable(error)) {
        entry.state = State.FAILED;
        report = !lane.broken;
        lane.broken = true;
      } else {
        remove(lane, entry);
        settleHead(lane, acked);
      }
    }
    acked.forEach(Pending::ack);
    if (report) {
      send.entry().pending.fail(error);
    }
  }

  /** A row that could not be sent at all leaves its lane (the caller reports it). */
  void refused(Send send) {
    List<Pending> acked = new ArrayList<>();
    synchronized (this) {
      Entry entry = send.entry();
      Lane lane = lanes.get(entry.key);
      if (lane != null && lane.entries.contains(entry)) {
        remove(lane, entry);
        settleHead(lane, acked);
      }
    }
    acked.forEach(Pending::ack);
  }

  /**
   * Revoked partitions: their rows leave the lanes (the next owner writes them). A broken lane left
   * without a failed row is sent again.
   */
  synchronized List<Send> forget(Collection<TopicPartition> partitions) {
    List<Send> sends = new ArrayList<>();
    for (Lane lane : new ArrayList<>(lanes.values())) {
      for (Entry entry : new ArrayList<>(lane.entries)) {
        if (partitions.contains(partitionOf(entry.pending))) {
          remove(lane, entry);
        }
      }
      if (lane.broken && lane.entries.stream().noneMatch(e -> e.state == State.FAILED)) {
        sends.addAll(resend(lane));
      }
    }
    lanes.values().removeIf(lane -> lane.entries.isEmpty());
    return sends;
  }

  /** Keys with rows in flight or waiting. */
  synchronized int keys() {
    return lanes.size();
  }

  private boolean current(Send send) {
    Entry entry = send.entry();
    return entries.get(entry.pending) == entry && entry.sends == send.send();
  }

  private static TopicPartition partitionOf(Pending pending) {
    return new TopicPartition(
        pending.record().originalTopic(), pending.record().originalKafkaPartition());
  }

  // Every row of the lane is sent again, in order; replies to earlier sends no longer count.
  private static List<Send> resend(Lane lane) {
    lane.broken = false;
    List<Send> sends = new ArrayList<>();
    for (Entry entry : lane.entries) {
      entry.state = State.SENT;
      sends.add(new Send(entry, ++entry.sends));
    }
    return sends;
  }

  private void remove(Lane lane, Entry entry) {
    lane.entries.remove(entry);
    entries.remove(entry.pending);
  }

  // Acknowledges the written rows at the head of the lane; drops the lane once empty.
  private void settleHead(Lane lane, List<Pending> acked) {
    while (!lane.entries.isEmpty() && lane.entries.peekFirst().state == State.WRITTEN) {
      Entry head = lane.entries.removeFirst();
      entries.remove(head.pending);
      acked.add(head.pending);
    }
    if (lane.entries.isEmpty()) {
      lanes.remove(lane.key);
    }
  }
}
