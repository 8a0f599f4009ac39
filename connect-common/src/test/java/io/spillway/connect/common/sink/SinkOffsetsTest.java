package io.spillway.connect.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class SinkOffsetsTest {
  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private static SinkRecord record(long offset) {
    return new SinkRecord("orders", 0, null, null, null, "v", offset);
  }

  @Test
  void redeliveredRecordsAreRecognised() {
    SinkOffsets offsets = new SinkOffsets();
    assertTrue(offsets.accept(record(5)));
    assertTrue(offsets.accept(record(6)));
    assertFalse(offsets.accept(record(5)));
    assertFalse(offsets.accept(record(6)));
    assertTrue(offsets.accept(record(7)));
  }

  @Test
  void onlyWrittenRecordsBecomeCommittable() {
    SinkOffsets offsets = new SinkOffsets();
    offsets.accept(record(5));
    assertEquals(Map.of(), offsets.committable());
    offsets.allWritten();
    assertEquals(Map.of(ORDERS_0, new OffsetAndMetadata(6)), offsets.committable());
    offsets.accept(record(6));
    assertEquals(Map.of(ORDERS_0, new OffsetAndMetadata(6)), offsets.committable());
  }

  @Test
  void forgottenPartitionsStartAfresh() {
    SinkOffsets offsets = new SinkOffsets();
    offsets.accept(record(5));
    offsets.allWritten();
    offsets.forget(List.of(ORDERS_0));
    assertEquals(Map.of(), offsets.committable());
    assertTrue(offsets.accept(record(3)));
  }
}
