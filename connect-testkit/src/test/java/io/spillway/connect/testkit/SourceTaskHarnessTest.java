package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.junit.jupiter.api.Test;

class SourceTaskHarnessTest {
  private static final Map<String, String> PARTITION = Map.of("counter", "c");

  /** Counts from its stored position to "limit", three numbers per poll. */
  static final class CounterTask extends SourceTask {
    final List<Long> acknowledged = new ArrayList<>();
    private long next;
    private long limit;

    @Override
    public void start(Map<String, String> props) {
      limit = Long.parseLong(props.get("limit"));
      Map<String, Object> stored = context.offsetStorageReader().offset(PARTITION);
      next = stored == null ? 0 : (Long) stored.get("next");
    }

    @Override
    public List<SourceRecord> poll() {
      List<SourceRecord> records = new ArrayList<>();
      for (int i = 0; i < 3 && next < limit; i++, next++) {
        records.add(
            new SourceRecord(
                PARTITION, Map.of("next", next + 1), "numbers", Schema.INT64_SCHEMA, next));
      }
      return records.isEmpty() ? null : records;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
      acknowledged.add((Long) record.value());
    }

    @Override
    public void stop() {}

    @Override
    public String version() {
      return "test";
    }
  }

  @Test
  void aRestartedTaskResumesFromTheOffsetsItsRecordsCommitted() throws Exception {
    Map<Map<String, ?>, Map<String, Object>> store;
    try (SourceTaskHarness<CounterTask> first =
        new SourceTaskHarness<>(new CounterTask(), Map.of("limit", "5"))) {
      List<SourceRecord> records = first.poll();
      first.acknowledge(records);
      assertEquals(List.of(0L, 1L, 2L), first.task.acknowledged);
      store = first.offsets;
    }
    try (SourceTaskHarness<CounterTask> second =
        new SourceTaskHarness<>(new CounterTask(), Map.of("limit", "5"), store)) {
      assertEquals(
          List.of(3L, 4L), second.pollUntilIdle(10).stream().map(r -> (Long) r.value()).toList());
    }
  }
}
