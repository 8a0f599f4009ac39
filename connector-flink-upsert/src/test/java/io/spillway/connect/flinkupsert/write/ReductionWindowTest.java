package io.spillway.connect.flinkupsert.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.sink.AckedOffsets;
import io.spillway.connect.common.sink.AckedOffsets.Pending;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ReductionWindowTest {
  private static final TopicPartition TP = new TopicPartition("in", 0);
  private final AckedOffsets acks = new AckedOffsets();

  private UpsertChange change(long offset, String key, String value) {
    SinkRecord record = new SinkRecord("in", 0, null, null, null, value, offset);
    Pending pending = acks.track(record);
    return new UpsertChange(
        record,
        "out",
        null,
        key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        List.of(pending));
  }

  @Test
  void onlyTheLastChangePerKeyIsSentAndSettlesTheOnesItReplaced() {
    ReductionWindow window = new ReductionWindow(100, 1000);
    window.add(change(0, "a", "a1"), 0);
    window.add(change(1, "b", "b1"), 0);
    window.add(change(2, "a", "a2"), 0);
    window.add(change(3, "a", null), 0);
    assertEquals(2, window.size());
    assertEquals(4, window.received());
    List<UpsertChange> sent = window.drain();
    assertEquals(2, sent.size(), "output per flush <= distinct keys");
    assertEquals("b", new String(sent.get(0).key(), StandardCharsets.UTF_8));
    UpsertChange lastA = sent.get(1);
    assertEquals(null, lastA.value(), "the delete after the updates wins");
    assertEquals(3, lastA.settles().size());

    // Nothing acknowledged yet: nothing committable.
    assertEquals(Map.of(), acks.committable());
    lastA.settles().forEach(Pending::ack);
    // Offset 1 (key b) is still in flight: the watermark stays below it.
    assertEquals(Map.of(TP, new OffsetAndMetadata(1)), acks.committable());
    sent.get(0).settles().forEach(Pending::ack);
    assertEquals(Map.of(TP, new OffsetAndMetadata(4)), acks.committable());
  }

  @Test
  void dueByKeysOrByTime() {
    ReductionWindow window = new ReductionWindow(2, 1000);
    assertFalse(window.full(5000));
    assertEquals(-1, window.dueInMillis(0));
    window.add(change(0, "a", "1"), 100);
    assertFalse(window.full(100));
    assertEquals(900, window.dueInMillis(200));
    assertTrue(window.full(1100));
    window.add(change(1, "b", "1"), 200);
    assertTrue(window.full(200));
  }

  @Test
  void droppingPartitionsRemovesTheirChanges() {
    ReductionWindow window = new ReductionWindow(100, 1000);
    window.add(change(0, "a", "1"), 0);
    assertEquals(1, window.drainIf(List.of(TP)).size());
    assertEquals(0, window.size());
  }
}
