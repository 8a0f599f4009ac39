package io.spillway.connect.tablestore;

import static io.spillway.connect.tablestore.TablestoreSinks.record;
import static io.spillway.connect.tablestore.TablestoreSinks.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.Row;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreRows;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The guide's Connect type → Tablestore type table, each type written and read back. */
class TypeMappingTest {
  @AutoClose final TablestoreServer server = TablestoreServer.start();

  @Test
  void everyConnectTypeLandsAsTheGuideSays() {
    Schema nested = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
    Schema schema =
        SchemaBuilder.struct()
            .field("b", Schema.BOOLEAN_SCHEMA)
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.INT16_SCHEMA)
            .field("i32", Schema.INT32_SCHEMA)
            .field("i64", Schema.INT64_SCHEMA)
            .field("f32", Schema.FLOAT32_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("s", Schema.STRING_SCHEMA)
            .field("bytes", Schema.BYTES_SCHEMA)
            .field("dec", Decimal.schema(2))
            .field("date", Date.SCHEMA)
            .field("time", Time.SCHEMA)
            .field("ts", Timestamp.SCHEMA)
            .field("struct", nested)
            .field("list", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("missing", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Struct value =
        new Struct(schema)
            .put("b", true)
            .put("i8", (byte) -8)
            .put("i16", (short) 1600)
            .put("i32", 32)
            .put("i64", 1L << 40)
            .put("f32", 0.1f)
            .put("f64", 2.5)
            .put("s", "text")
            .put("bytes", new byte[] {1, 2, 3})
            .put("dec", new BigDecimal("12.50"))
            .put("date", new java.util.Date(3 * 86_400_000L))
            .put("time", new java.util.Date(3_723_004L))
            .put("ts", new java.util.Date(1_700_000_000_123L))
            .put("struct", new Struct(nested).put("a", 1))
            .put("list", List.of("x", "y"));
    try (TaskHarness<TablestoreSinkTask> harness =
        TablestoreSinks.harness(TablestoreSinks.props(server, "types"), "types")) {
      harness.put(List.of(record("types", 0, 0, null, null, schema, value)));
      assertEquals(1, harness.flushAndCommit().get(new TopicPartition("types", 0)).offset());
    }
    Map<String, Object> row = rows(server, "types").get(0);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("topic_partition", "types_0");
    expected.put("offset", 0L);
    expected.put("b", true);
    expected.put("bytes", "\u0001\u0002\u0003");
    expected.put("date", 3L);
    expected.put("dec", "12.50");
    expected.put("f32", 0.1);
    expected.put("f64", 2.5);
    expected.put("i16", 1600L);
    expected.put("i32", 32L);
    expected.put("i64", 1L << 40);
    expected.put("i8", -8L);
    expected.put("list", "[\"x\",\"y\"]");
    expected.put("s", "text");
    expected.put("struct", "{\"a\":1}");
    expected.put("time", 3_723_004L);
    expected.put("ts", 1_700_000_000_123L);
    assertEquals(expected, row);
    SyncClient client = server.syncClient();
    try {
      Row raw = TablestoreRows.readAll(client, "types").get(0);
      assertArrayEquals(new byte[] {1, 2, 3}, raw.getLatestColumn("bytes").getValue().asBinary());
      assertEquals(
          "text",
          new String(
              raw.getLatestColumn("s").getValue().asStringInBytes(), StandardCharsets.UTF_8));
    } finally {
      client.shutdown();
    }
  }
}
