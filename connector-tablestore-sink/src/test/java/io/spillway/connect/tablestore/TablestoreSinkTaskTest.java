package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.TablestoreSinks.harness;
import static io.spillway.connect.tablestore.TablestoreSinks.props;
import static io.spillway.connect.tablestore.TablestoreSinks.record;
import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class TablestoreSinkTaskTest {
  static final Schema VALUE =
      SchemaBuilder.struct()
          .field("name", Schema.STRING_SCHEMA)
          .field("qty", Schema.INT32_SCHEMA)
          .field("price", Schema.FLOAT64_SCHEMA)
          .field("paid", Schema.BOOLEAN_SCHEMA)
          .build();

  @AutoClose final TablestoreServer server = TablestoreServer.start();

  static Struct value(String name, int qty) {
    return new Struct(VALUE)
        .put("name", name)
        .put("qty", qty)
        .put("price", qty * 1.5)
        .put("paid", qty % 2 == 0);
  }

  @Test
  void kafkaModeWritesOneRowPerRecordAndCommitsWhatIsWritten() {
    try (TaskHarness<TablestoreSinkTask> harness = harness(props(server, "orders"), "orders")) {
      List<SinkRecord> records = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        records.add(record("orders", i % 2, i / 2, null, null, VALUE, value("n" + i, i)));
      }
      harness.put(records);
      Map<TopicPartition, OffsetAndMetadata> committed = harness.flushAndCommit();
      assertEquals(25, committed.get(new TopicPartition("orders", 0)).offset());
      assertEquals(25, committed.get(new TopicPartition("orders", 1)).offset());
    }
    List<Map<String, Object>> rows = rows(server, "orders");
    assertEquals(50, rows.size());
    assertEquals(
        Map.of(
            "topic_partition",
            "orders_0",
            "offset",
            3L,
            "name",
            "n6",
            "qty",
            6L,
            "price",
            9.0,
            "paid",
            true),
        rows.get(3));
  }
}
