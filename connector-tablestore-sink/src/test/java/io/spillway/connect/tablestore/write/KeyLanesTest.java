package io.spillway.connect.tablestore.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import io.spillway.connect.common.sink.AckedOffsets;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.tablestore.write.KeyLanes.Key;
import io.spillway.connect.tablestore.write.KeyLanes.Send;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The per-key order: what is sent when, what is acknowledged when, and that lanes go away. */
class KeyLanesTest {
  static final TopicPartition TP = new TopicPartition("t", 0);
  final AckedOffsets acks = new AckedOffsets();
  final KeyLanes lanes = new KeyLanes();

  Pending track(long offset) {
    return acks.track(new SinkRecord("t", 0, null, null, null, "v" + offset, offset));
  }

  static Key key(String table, String id) {
    return new Key(
        table,
        PrimaryKeyBuilder.createPrimaryKeyBuilder()
            .addPrimaryKeyColumn("id", PrimaryKeyValue.fromString(id))
            .build());
  }

  long committable() {
    var offset = acks.committable().get(TP);
    return offset == null ? -1 : offset.offset();
  }

  @Test
  void aRetryResendsItsKeyInOrderAndHoldsBackLaterRows() {
    Pending v1 = track(0);
    Pending v2 = track(1);
    Send s1 = lanes.write(key("a", "k"), v1).get(0);
    Send s2 = lanes.write(key("a", "k"), v2).get(0);
    lanes.failed(s1, new RetriableException("busy"));
    lanes.written(s2); // written before the retry: not acknowledged, it is sent again after it
    assertEquals(List.of(v1), acks.failures());
    assertEquals(-1, committable());
    Pending v3 = track(2);
    assertEquals(List.of(), lanes.write(key("a", "k"), v3), "waits behind the failed row");

    List<Send> resent = lanes.write(key("a", "k"), v1);
    assertEquals(List.of(v1, v2, v3), resent.stream().map(s -> s.entry().pending).toList());
    lanes.failed(s2, new RetriableException("late reply of an outdated send")); // ignored
    assertTrue(acks.failures().isEmpty());
    lanes.written(resent.get(1));
    lanes.written(resent.get(2));
    assertEquals(-1, committable(), "the retried row is not written yet");
    lanes.written(resent.get(0));
    assertEquals(3, committable());
    assertEquals(0, lanes.keys());
  }

  @Test
  void keysAreComparedWithinOneTable() {
    Pending a = track(0);
    Pending b = track(1);
    Send sa = lanes.write(key("a", "k"), a).get(0);
    lanes.failed(sa, new RetriableException("busy"));
    assertEquals(1, lanes.write(key("b", "k"), b).size(), "another table's row is not held");
    assertEquals(2, lanes.keys());
  }

  @Test
  void aNonRetriableFailureLeavesTheOrderToTheRest() {
    Pending v1 = track(0);
    Pending v2 = track(1);
    Send s1 = lanes.write(key("a", "k"), v1).get(0);
    Send s2 = lanes.write(key("a", "k"), v2).get(0);
    lanes.written(s2);
    assertEquals(-1, committable(), "behind a row in flight");
    lanes.failed(s1, new IllegalArgumentException("never writable"));
    assertEquals(List.of(v1), acks.failures()); // the task reports it
    v1.ack();
    assertEquals(2, committable());
    assertEquals(0, lanes.keys());
  }

  @Test
  void revokedPartitionsLeaveTheLanes() {
    Pending other = acks.track(new SinkRecord("u", 0, null, null, null, "x", 0));
    Pending v1 = track(0);
    Send s0 = lanes.write(key("a", "k"), other).get(0);
    Send s1 = lanes.write(key("a", "k"), v1).get(0);
    lanes.failed(s0, new RetriableException("busy"));
    lanes.written(s1);
    List<Send> resent = lanes.forget(Set.of(new TopicPartition("u", 0)));
    assertEquals(List.of(v1), resent.stream().map(s -> s.entry().pending).toList());
    lanes.written(resent.get(0));
    assertEquals(1, committable());
    assertEquals(0, lanes.keys());
  }
}
