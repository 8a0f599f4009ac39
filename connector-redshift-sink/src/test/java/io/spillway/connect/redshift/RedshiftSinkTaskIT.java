package io.spillway.connect.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.sink.Changelog;
import io.spillway.connect.testkit.LocalPostgres;
import io.spillway.connect.testkit.TaskHarness;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** One sink task against a real PostgreSQL: what reaches the tables, row by row. */
class RedshiftSinkTaskIT {
  protected static final LocalPostgres WAREHOUSE = LocalPostgres.shared();
  private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
  private static final Schema ORDER =
      SchemaBuilder.struct()
          .field("id", Schema.INT64_SCHEMA)
          .field("status", Schema.STRING_SCHEMA)
          .field("amount", Schema.FLOAT64_SCHEMA)
          .build();

  private String database;

  @BeforeEach
  void freshDatabase(TestInfo test) throws Exception {
    database = "t_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
    WAREHOUSE.createDatabase(database);
  }

  /** The JDBC URL the task writes through; subclasses run the same tests on other lanes. */
  protected String url(String database) {
    return WAREHOUSE.jdbcUrl(database);
  }

  /** Settings a lane adds to every test's config. */
  protected Map<String, String> laneSettings() {
    return Map.of();
  }

  /**
   * Length of the long field name in the hostile-names test: beyond both databases' limits here;
   * lanes with the Redshift dialect (127 bytes) on PostgreSQL (63) stay below 63, since PostgreSQL
   * would truncate what Redshift keeps.
   */
  protected int longFieldLength() {
    return 130;
  }

  /** information_schema's name of the type the lane's dialect creates for strings. */
  protected String stringType() {
    return "text";
  }

  private Map<String, String> props(String... settings) {
    Map<String, String> props = new HashMap<>(laneSettings());
    props.put("connection.url", url(database));
    props.put("connection.user", WAREHOUSE.user());
    props.put("connection.password", WAREHOUSE.password());
    props.put("errors.tolerance", "all");
    for (int i = 0; i < settings.length; i += 2) {
      props.put(settings[i], settings[i + 1]);
    }
    return props;
  }

  private static SinkRecord order(
      int partition, long offset, long id, String status, double amount) {
    return new SinkRecord(
        "orders",
        partition,
        KEY,
        new Struct(KEY).put("id", id),
        ORDER,
        new Struct(ORDER).put("id", id).put("status", status).put("amount", amount),
        offset);
  }

  private static SinkRecord delete(int partition, long offset, long id) {
    return new SinkRecord(
        "orders", partition, KEY, new Struct(KEY).put("id", id), null, null, offset);
  }

  private List<List<Object>> rows(String sql) throws Exception {
    return WAREHOUSE.query(database, sql);
  }

  @Test
  void insertModeAppendsEveryRecordWithTypedColumns() throws Exception {
    try (TaskHarness<RedshiftSinkTask> sink = new TaskHarness<>(new RedshiftSinkTask(), props())) {
      sink.put(List.of(order(0, 0, 1, "new", 10.5), order(0, 1, 1, "paid", 10.5)));
      Map<TopicPartition, OffsetAndMetadata> committed = sink.commit();
      assertEquals(Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(2)), committed);
    }
    assertEquals(
        List.of(List.of(1L, "new", 10.5), List.of(1L, "paid", 10.5)),
        rows("SELECT id, status, amount FROM orders ORDER BY status"));
    assertEquals(
        List.of(
            List.of("id", "bigint"),
            List.of("status", stringType()),
            List.of("amount", "double precision")),
        rows(
            "SELECT column_name::text, data_type::text FROM information_schema.columns"
                + " WHERE table_name = 'orders' ORDER BY ordinal_position"));
  }

  @Test
  void upsertOfTenThousandKeysAndAHundredThousandChangesEndsInTheFinalState() throws Exception {
    Random random = new Random(42);
    Map<Long, List<Object>> expected = new TreeMap<>();
    long[] offsets = new long[4];
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(
            new RedshiftSinkTask(),
            props(
                "insert.mode",
                "upsert",
                "pk.mode",
                "record_key",
                "delete.enabled",
                "true",
                "batch.size",
                "5000"))) {
      for (int batch = 0; batch < 100; batch++) {
        List<SinkRecord> records = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
          long id = random.nextInt(10_000);
          int partition = (int) (id % 4);
          long offset = offsets[partition]++;
          if (random.nextInt(10) == 0) {
            records.add(delete(partition, offset, id));
            expected.remove(id);
          } else {
            String status = "s" + random.nextInt(1000);
            double amount = random.nextInt(100_000) / 100.0;
            records.add(order(partition, offset, id, status, amount));
            expected.put(id, List.of(id, status, amount));
          }
        }
        sink.put(records);
      }
      sink.commit();
    }
    assertEquals(
        new ArrayList<>(expected.values()),
        rows("SELECT id, status, amount FROM orders ORDER BY id"));
  }

  @Test
  void aReplayedBatchLeavesOneRowPerKey() throws Exception {
    List<SinkRecord> batch =
        List.of(order(0, 0, 1, "a", 1), order(0, 1, 2, "b", 2), order(0, 2, 1, "c", 3));
    for (int run = 0; run < 2; run++) {
      try (TaskHarness<RedshiftSinkTask> sink =
          new TaskHarness<>(
              new RedshiftSinkTask(), props("insert.mode", "upsert", "pk.mode", "record_key"))) {
        sink.put(batch);
        sink.commit();
      }
    }
    assertEquals(
        List.of(List.of(1L, "c"), List.of(2L, "b")),
        rows("SELECT id, status FROM orders ORDER BY id"));
  }

  @Test
  void kafkaKeysMakeReplaysIdempotentWithoutARecordKey() throws Exception {
    List<SinkRecord> batch =
        List.of(
            new SinkRecord("events", 0, null, null, null, Map.of("n", 1L), 10),
            new SinkRecord("events", 1, null, null, null, Map.of("n", 2L), 10));
    for (int run = 0; run < 2; run++) {
      try (TaskHarness<RedshiftSinkTask> sink =
          new TaskHarness<>(
              new RedshiftSinkTask(), props("insert.mode", "upsert", "pk.mode", "kafka"))) {
        sink.put(batch);
        sink.commit();
      }
    }
    assertEquals(
        List.of(List.of("events", 0, 10L, 1L), List.of("events", 1, 10L, 2L)),
        rows(
            "SELECT __connect_topic, __connect_partition, __connect_offset, n FROM events"
                + " ORDER BY __connect_partition"));
  }

  @Test
  void flattenedRowsUpsertAndDeleteByTheirSourceKey() throws Exception {
    ConnectHeaders tombstone = new ConnectHeaders();
    tombstone.addString(Changelog.TOMBSTONE_HEADER, "true");
    Map<String, Object> created = row("order-1", "{\"status\":\"new\"}");
    Map<String, Object> other = row("order-2", "{\"status\":\"new\"}");
    Map<String, Object> gone = row("order-1", null);
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(
            new RedshiftSinkTask(),
            props(
                "insert.mode",
                "upsert",
                "pk.mode",
                "record_value",
                "pk.fields",
                "key",
                "delete.enabled",
                "true"))) {
      sink.put(
          List.of(
              new SinkRecord("orders", 0, null, null, null, created, 0),
              new SinkRecord("orders", 0, null, null, null, other, 1)));
      sink.commit();
      sink.put(
          List.of(new SinkRecord("orders", 0, null, null, null, gone, 2, null, null, tombstone)));
      sink.commit();
    }
    assertEquals(
        List.of(List.of("order-2", "{\"status\":\"new\"}")), rows("SELECT key, value FROM orders"));
  }

  private static Map<String, Object> row(String key, String value) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("key", key);
    row.put("value", value);
    return row;
  }

  @Test
  void newFieldsAddColumnsAndMisfitsGoToTheDeadLetterQueue() throws Exception {
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(
            new RedshiftSinkTask(), props("insert.mode", "upsert", "pk.mode", "record_key"))) {
      sink.put(List.of(order(0, 0, 1, "new", 1)));
      sink.commit();
      Schema wider =
          SchemaBuilder.struct()
              .field("id", Schema.INT64_SCHEMA)
              .field("status", Schema.STRING_SCHEMA)
              .field("amount", Schema.FLOAT64_SCHEMA)
              .field("Coupon", Schema.OPTIONAL_STRING_SCHEMA)
              .build();
      Schema incompatible =
          SchemaBuilder.struct()
              .field("id", Schema.INT64_SCHEMA)
              .field("amount", Schema.STRING_SCHEMA)
              .build();
      sink.put(
          List.of(
              new SinkRecord(
                  "orders",
                  0,
                  KEY,
                  new Struct(KEY).put("id", 2L),
                  wider,
                  new Struct(wider)
                      .put("id", 2L)
                      .put("status", "new")
                      .put("amount", 2.0)
                      .put("Coupon", "X1"),
                  1),
              new SinkRecord(
                  "orders",
                  0,
                  KEY,
                  new Struct(KEY).put("id", 3L),
                  incompatible,
                  new Struct(incompatible).put("id", 3L).put("amount", "a lot"),
                  2),
              order(0, 3, 4, "new", 4)));
      assertEquals(
          Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(4)), sink.commit());
      assertEquals(1, sink.reported.size());
      assertEquals(2, sink.reported.get(0).record().kafkaOffset());
      String reason = sink.reported.get(0).error().getMessage();
      assertTrue(reason.contains("topic 'orders', partition 0, offset 2"), reason);
      assertTrue(reason.contains("column \"amount\" (double precision)"), reason);
    }
    assertEquals(
        List.of(List.of(1L, "new"), List.of(2L, "X1"), List.of(4L, "new")),
        rows("SELECT id, COALESCE(coupon, status) FROM orders ORDER BY id"));
  }

  /**
   * Issue 12's sequence: one amount of another type mid-stream, then good records, then both the
   * source's flattener and the sink task restart. Only the record the column truly cannot hold goes
   * to the dead letter queue; every other record has its row.
   */
  @Test
  void oneValueOfAnotherTypeGoesToTheDeadLetterQueueAloneAcrossARestart() throws Exception {
    FlattenedTopic source = new FlattenedTopic("orders", "unpacked");
    try (TaskHarness<RedshiftSinkTask> sink = new TaskHarness<>(new RedshiftSinkTask(), props())) {
      sink.put(List.of(source.json(0, "{\"id\":1,\"amount\":5.5}")));
      sink.commit();
      sink.put(
          List.of(
              source.json(1, "{\"id\":2,\"amount\":\"not-a-number\"}"),
              source.json(2, "{\"id\":30,\"amount\":5.5}"),
              source.json(3, "{\"id\":31,\"amount\":7}"),
              source.json(4, "{\"id\":32,\"amount\":\"7\"}")));
      assertEquals(
          Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(5)), sink.commit());
      assertEquals(List.of(1L), reportedOffsets(sink));
      String reason = sink.reported.get(0).error().getMessage();
      assertTrue(reason.contains("topic 'orders', partition 0, offset 1"), reason);
      assertTrue(reason.contains("column \"value_amount\" (double precision)"), reason);
    }
    source = new FlattenedTopic("orders", "unpacked");
    try (TaskHarness<RedshiftSinkTask> sink = new TaskHarness<>(new RedshiftSinkTask(), props())) {
      sink.put(
          List.of(
              source.json(5, "{\"id\":33,\"amount\":8.25}"),
              source.json(6, "{\"id\":34,\"amount\":\"oops\"}"),
              source.json(7, "{\"id\":35,\"amount\":1}")));
      assertEquals(
          Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(8)), sink.commit());
      assertEquals(List.of(6L), reportedOffsets(sink));
    }
    assertEquals(
        List.of(
            List.of(0L, 1L, "5.5"),
            List.of(2L, 30L, "5.5"),
            List.of(3L, 31L, "7"),
            List.of(4L, 32L, "7"),
            List.of(5L, 33L, "8.25"),
            List.of(7L, 35L, "1")),
        rows("SELECT \"offset\", value_id, value_amount::text FROM orders ORDER BY \"offset\""));
    assertEquals(
        List.of(List.of("double precision")),
        rows(
            "SELECT data_type::text FROM information_schema.columns"
                + " WHERE table_name = 'orders' AND column_name = 'value_amount'"));
  }

  /** The same sequence with auto.widen: the columns widen (never narrow) and every record lands. */
  @Test
  void withAutoWidenColumnsWidenAndEveryRecordLandsAcrossARestart() throws Exception {
    FlattenedTopic source = new FlattenedTopic("orders", "unpacked");
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(new RedshiftSinkTask(), props("auto.widen", "true"))) {
      sink.put(List.of(source.json(0, "{\"id\":1,\"amount\":5.5,\"qty\":3}")));
      sink.commit();
      sink.put(
          List.of(
              source.json(1, "{\"id\":2,\"amount\":\"not-a-number\",\"qty\":2.5}"),
              source.json(2, "{\"id\":30,\"amount\":5.5,\"qty\":4}")));
      assertEquals(
          Map.of(new TopicPartition("orders", 0), new OffsetAndMetadata(3)), sink.commit());
    }
    source = new FlattenedTopic("orders", "unpacked");
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(new RedshiftSinkTask(), props("auto.widen", "true"))) {
      sink.put(List.of(source.json(3, "{\"id\":31,\"amount\":7,\"qty\":1}")));
      sink.commit();
      assertEquals(List.of(), sink.reported);
    }
    assertEquals(
        List.of(
            List.of(1L, "5.5", "3"),
            List.of(2L, "not-a-number", "2.5"),
            List.of(30L, "5.5", "4"),
            List.of(31L, "7", "1")),
        rows("SELECT value_id, value_amount, value_qty::text FROM orders ORDER BY value_id"));
    assertEquals(
        List.of(List.of("value_amount", stringType()), List.of("value_qty", "double precision")),
        rows(
            "SELECT column_name::text, data_type::text FROM information_schema.columns"
                + " WHERE table_name = 'orders' AND column_name IN ('value_amount', 'value_qty')"
                + " ORDER BY column_name"));
  }

  /**
   * Two tasks widen the same column at once, one to double precision and one to text: the table's
   * lock orders them, the later one re-reads the column, and it ends as text (never narrowed back)
   * with every row.
   */
  @Test
  void concurrentTasksWideningOneColumnNeverNarrowIt() throws Exception {
    FlattenedTopic source = new FlattenedTopic("orders", "unpacked");
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(new RedshiftSinkTask(), props("auto.widen", "true"))) {
      sink.put(List.of(source.json(0, "{\"q0\":3,\"q1\":3,\"q2\":3}")));
      sink.commit();
    }
    for (int round = 0; round < 3; round++) {
      String column = "q" + round;
      SinkRecord toFloat = source.json(1 + 2 * round, "{\"" + column + "\":2.5}");
      SinkRecord toText = source.json(2 + 2 * round, "{\"" + column + "\":\"many\"}");
      List<Thread> tasks = new ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (SinkRecord record : List.of(toFloat, toText)) {
        Thread task =
            new Thread(
                () -> {
                  try (TaskHarness<RedshiftSinkTask> sink =
                      new TaskHarness<>(new RedshiftSinkTask(), props("auto.widen", "true"))) {
                    sink.put(List.of(record));
                    sink.commit();
                    assertEquals(List.of(), sink.reported);
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                });
        tasks.add(task);
        task.start();
      }
      for (Thread task : tasks) {
        task.join();
      }
      assertEquals(List.of(), failures);
      assertEquals(
          List.of(List.of(stringType())),
          rows(
              "SELECT data_type::text FROM information_schema.columns"
                  + " WHERE table_name = 'orders' AND column_name = 'value_"
                  + column
                  + "'"));
    }
    assertEquals(
        List.of(
            Arrays.asList(0L, "3", "3", "3"),
            Arrays.asList(1L, "2.5", null, null),
            Arrays.asList(2L, "many", null, null),
            Arrays.asList(3L, null, "2.5", null),
            Arrays.asList(4L, null, "many", null),
            Arrays.asList(5L, null, null, "2.5"),
            Arrays.asList(6L, null, null, "many")),
        rows("SELECT \"offset\", value_q0, value_q1, value_q2 FROM orders ORDER BY \"offset\""));
  }

  /** Numbers float64 cannot hold, read back with SQL as text: never rounded. */
  @Test
  void numbersLandExactlyPackedUnpackedAndFromAvroDecimals() throws Exception {
    String json =
        "{\"id\":1,\"big\":12345678901234567.89,\"tiny\":0.1000000000000000055511151231257827,"
            + "\"huge\":1e400,\"negzero\":-0.0,\"short\":0.1,"
            + "\"wide\":123456789012345678901234567890,\"max\":1.7976931348623157e308}";
    Schema priced =
        SchemaBuilder.struct().field("price", Decimal.builder(20).optional().build()).build();
    BigDecimal price = new BigDecimal("12345678901234567.12345678901234567890");
    FlattenedTopic numbers = new FlattenedTopic("numbers", "unpacked");
    try (TaskHarness<RedshiftSinkTask> sink = new TaskHarness<>(new RedshiftSinkTask(), props())) {
      sink.put(
          List.of(
              numbers.json(0, json),
              new FlattenedTopic("packed", "packed").json(0, json),
              new FlattenedTopic("prices", "auto")
                  .converted(0, priced, new Struct(priced).put("price", price))));
      sink.commit();
      // An existing double precision column refuses what it would round.
      sink.put(List.of(numbers.json(1, "{\"id\":2,\"negzero\":12345678901234567.89}")));
      sink.commit();
      assertEquals(List.of(1L), reportedOffsets(sink));
    }
    assertEquals(
        List.of(
            List.of(
                "12345678901234567.89",
                "0.1000000000000000055511151231257827",
                new BigDecimal("1e400").toPlainString(),
                "-0",
                "0.1",
                "123456789012345678901234567890",
                "1.7976931348623157e+308")),
        rows(
            "SELECT value_big::text, value_tiny::text, value_huge::text, value_negzero::text,"
                + " value_short::text, value_wide::text, value_max::text FROM numbers"));
    assertEquals(List.of(List.of(json)), rows("SELECT value FROM packed"));
    assertEquals(
        List.of(List.of(price.toPlainString())), rows("SELECT value_price::text FROM prices"));
  }

  private static List<Long> reportedOffsets(TaskHarness<RedshiftSinkTask> sink) {
    return sink.reported.stream().map(r -> r.record().kafkaOffset()).toList();
  }

  @Test
  void rowsTheDatabaseRefusesAreIsolatedAndTheRestWritten() throws Exception {
    try (TaskHarness<RedshiftSinkTask> sink = new TaskHarness<>(new RedshiftSinkTask(), props())) {
      List<SinkRecord> records = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        records.add(order(0, i, i, i == 13 ? "nul\u0000byte" : "ok", i));
      }
      sink.put(records);
      sink.commit();
      assertEquals(1, sink.reported.size());
      assertEquals(13, sink.reported.get(0).record().kafkaOffset());
    }
    assertEquals(List.of(List.of(19L)), rows("SELECT count(*) FROM orders"));
  }

  @Test
  void withoutToleranceABadRecordFailsTheTaskNamingItsPosition() {
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(
            new RedshiftSinkTask(),
            props("errors.tolerance", "none", "insert.mode", "upsert", "pk.mode", "record_key"))) {
      ConnectException error =
          assertThrows(
              ConnectException.class,
              () ->
                  sink.put(
                      List.of(
                          new SinkRecord(
                              "orders",
                              2,
                              null,
                              null,
                              ORDER,
                              new Struct(ORDER).put("id", 1L).put("status", "a").put("amount", 1.0),
                              7))));
      assertTrue(
          error.getMessage().contains("topic 'orders', partition 2, offset 7"), error.getMessage());
    }
  }

  @Test
  void hostileNamesAreQuotedFoldedAndShortened() throws Exception {
    String topic = "We\"ird; DROP TABLE x; -- Ωrders";
    String longField = "f".repeat(longFieldLength() - 3) + "_ü";
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("Id", 1L);
    value.put("col with \"quotes\"; and spaces", "q");
    value.put("ÜNÏCODE", "u");
    value.put(longField, "long");
    try (TaskHarness<RedshiftSinkTask> sink = new TaskHarness<>(new RedshiftSinkTask(), props())) {
      sink.put(List.of(new SinkRecord(topic, 0, null, null, null, value, 0)));
      sink.commit();
      assertEquals(List.of(), sink.reported);
    }
    List<List<Object>> columns =
        rows(
            "SELECT table_name::text, column_name::text FROM information_schema.columns"
                + " WHERE table_schema = 'public' ORDER BY ordinal_position");
    assertEquals(4, columns.size());
    assertEquals("we\"ird; drop table x; -- ωrders", columns.get(0).get(0));
    assertEquals("id", columns.get(0).get(1));
    assertEquals("col with \"quotes\"; and spaces", columns.get(1).get(1));
    assertEquals("ünïcode", columns.get(2).get(1));
    assertTrue(((String) columns.get(3).get(1)).startsWith("fffff"));
    assertEquals(
        List.of(List.of(1L, "q", "u", "long")),
        rows(
            "SELECT id, \"col with \"\"quotes\"\"; and spaces\", \"ünïcode\", \""
                + columns.get(3).get(1)
                + "\" FROM \"we\"\"ird; drop table x; -- ωrders\""));
  }
}
