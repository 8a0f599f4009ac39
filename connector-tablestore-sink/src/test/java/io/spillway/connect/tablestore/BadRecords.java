package io.spillway.connect.tablestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyColumn;
import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.TaskHarness;
import io.spillway.connect.testkit.tablestore.TablestoreServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Ten records of topic 'orders' partition 0, three of which the sink cannot write: a whitelist type
 * mismatch, a row over Tablestore's 2 MB column limit, and a row the server refuses.
 */
final class BadRecords {
  static final String TOPIC = "orders";
  static final String KEY_TEXT = "key-";
  static final long[] BAD_OFFSETS = {2, 5, 7};

  /** What each bad record's error_info / ErrorInfo says, in BAD_OFFSETS order. */
  static final String[] REASONS = {
    "in the whitelist", "over Tablestore's limit", "OTSParameterInvalid"
  };

  static final Schema VALUE =
      SchemaBuilder.struct()
          .name("order")
          .field("name", Schema.STRING_SCHEMA)
          .field("qty", Schema.INT32_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  static final Schema QTY_AS_TEXT =
      SchemaBuilder.struct()
          .name("order")
          .field("name", Schema.STRING_SCHEMA)
          .field("qty", Schema.STRING_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  private BadRecords() {}

  /** The sink's settings: whitelist name STRING, qty INTEGER, note STRING. */
  static Map<String, String> props(TablestoreServer server) {
    Map<String, String> props = TablestoreSinks.props(server, TOPIC);
    props.put("tablestore.orders.columns.whitelist.name", "name,qty,note");
    props.put("tablestore.orders.columns.whitelist.type", "string,integer,string");
    return props;
  }

  static TaskHarness<TablestoreSinkTask> harness(Map<String, String> props) {
    TaskHarness<TablestoreSinkTask> harness = new TaskHarness<>(new TablestoreSinkTask(), props);
    harness.open(new TopicPartition(TOPIC, 0));
    return harness;
  }

  static List<SinkRecord> batch() {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = 0; offset < 10; offset++) {
      Struct value;
      if (offset == BAD_OFFSETS[0]) {
        value = new Struct(QTY_AS_TEXT).put("name", "n" + offset).put("qty", "many");
      } else if (offset == BAD_OFFSETS[1]) {
        value = new Struct(VALUE).put("name", "n" + offset).put("qty", 1).put("note", big());
      } else {
        value = new Struct(VALUE).put("name", "n" + offset).put("qty", (int) offset);
      }
      ConnectHeaders headers = new ConnectHeaders();
      headers.addString("trace", "t-" + offset);
      headers.addInt("attempt", 3);
      records.add(
          new SinkRecord(
              TOPIC,
              0,
              Schema.STRING_SCHEMA,
              KEY_TEXT + offset,
              value.schema(),
              value,
              offset,
              1_700_000_000_000L + offset,
              TimestampType.CREATE_TIME,
              headers));
    }
    return records;
  }

  /** Calls put as the worker does until everything up to {@code offset} is committable. */
  static void awaitCommitted(TaskHarness<TablestoreSinkTask> harness, long offset) {
    Await.value(
        Duration.ofSeconds(30),
        "every record written or reported",
        () -> {
          harness.put(List.of());
          return harness.commit().get(new TopicPartition(TOPIC, 0));
        },
        committed -> committed != null && committed.offset() == offset);
  }

  /** Calls put as the worker does until it fails the task (a retriable wait is not a failure). */
  static ConnectException awaitTaskFailure(TaskHarness<TablestoreSinkTask> harness) {
    return Await.value(
        Duration.ofSeconds(60),
        "the task to fail",
        () -> {
          try {
            harness.put(List.of());
            return null;
          } catch (RetriableException e) {
            return null;
          } catch (ConnectException e) {
            return e;
          }
        });
  }

  /** 2.5 MB of text: over Tablestore's 2 MB limit of one column value. */
  private static String big() {
    return "x".repeat(2_500_000);
  }

  /** The server refuses the data row of BAD_OFFSETS[2] once (its error row has the same key). */
  static void refuseServerSide(TablestoreServer server) {
    AtomicBoolean refused = new AtomicBoolean();
    server
        .faults()
        .failRows(
            key -> is(key, BAD_OFFSETS[2]) && refused.compareAndSet(false, true),
            "OTSParameterInvalid",
            "refused by the test");
  }

  /** Every write of the row keyed orders_0 / {@code offset} fails with {@code code}. */
  static void failErrorRowsOf(TablestoreServer server, long offset, String code) {
    server.faults().failRows(key -> is(key, offset), code, "failed by the test");
  }

  private static boolean is(PrimaryKey key, long offset) {
    PrimaryKeyColumn partition = key.getPrimaryKeyColumn("topic_partition");
    PrimaryKeyColumn position = key.getPrimaryKeyColumn("offset");
    return partition != null
        && position != null
        && "orders_0".equals(partition.getValue().asString())
        && position.getValue().asLong() == offset;
  }

  /**
   * The report's value is the JSON envelope of the record's value: JsonConverter with
   * schemas.enable=true reads it back to the very Struct the sink got.
   */
  static void assertValueRoundTrips(SinkRecord record, byte[] value) {
    String json = new String(value, StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\"schema\":"), json.substring(0, Math.min(80, json.length())));
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), false);
    assertEquals(record.value(), converter.toConnectData(TOPIC, value).value());
    converter.close();
  }
}
