package io.spillway.connect.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.data.FineTime;
import io.spillway.connect.redshift.testing.RedshiftStartupProxy;
import io.spillway.connect.testkit.LocalPostgres;
import io.spillway.connect.testkit.TaskHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Micro- and nanosecond times (Avro's timestamp-micros & co. as the Kafka source emits them) read
 * back exactly with SQL, on each write path: COPY (PostgreSQL dialect), multi-row INSERT (Redshift
 * dialect on PostgreSQL's driver), and Amazon's Redshift driver.
 */
class FineTimeSinkIT {
  private static final LocalPostgres WAREHOUSE = LocalPostgres.shared();
  private static final RedshiftStartupProxy PROXY = new RedshiftStartupProxy(WAREHOUSE.port());
  private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
  private static final Schema EVENT =
      SchemaBuilder.struct()
          .field("id", Schema.INT64_SCHEMA)
          .field("at_us", FineTime.TIMESTAMP_MICROS.optionalSchema())
          .field("at_ns", FineTime.TIMESTAMP_NANOS.optionalSchema())
          .field("local_us", FineTime.LOCAL_TIMESTAMP_MICROS.optionalSchema())
          .field("clock_us", FineTime.TIME_MICROS.optionalSchema())
          .field("at_ms", Timestamp.builder().optional().build())
          .build();
  private static final String UTC_MICROS = "'YYYY-MM-DD HH24:MI:SS.US'";

  @AfterAll
  static void stopProxy() {
    PROXY.close();
  }

  private static Map<String, String> props(String lane, String database, String... settings) {
    Map<String, String> props = new HashMap<>();
    switch (lane) {
      case "postgresql" -> props.put("connection.url", WAREHOUSE.jdbcUrl(database));
      case "redshift-dialect" -> {
        props.put("connection.url", WAREHOUSE.jdbcUrl(database));
        props.put("dialect", "redshift");
      }
      case "redshift-driver" -> props.put("connection.url", PROXY.jdbcUrl(database));
      default -> throw new IllegalArgumentException(lane);
    }
    props.put("connection.user", WAREHOUSE.user());
    props.put("connection.password", WAREHOUSE.password());
    props.put("errors.tolerance", "all");
    props.put("insert.mode", "upsert");
    props.put("pk.mode", "record_key");
    for (int i = 0; i < settings.length; i += 2) {
      props.put(settings[i], settings[i + 1]);
    }
    return props;
  }

  private static SinkRecord event(long offset, long id, long micros, long nanos, long clock) {
    return new SinkRecord(
        "events",
        0,
        KEY,
        new Struct(KEY).put("id", id),
        EVENT,
        new Struct(EVENT)
            .put("id", id)
            .put("at_us", micros)
            .put("at_ns", nanos)
            .put("local_us", micros)
            .put("clock_us", clock)
            .put("at_ms", new java.util.Date(Math.floorDiv(micros, 1000L))),
        offset);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "redshift-dialect", "redshift-driver"})
  void microsecondsAreWrittenAndReadBackExactly(String lane) throws Exception {
    String database = WAREHOUSE.createDatabase("t_fine_" + lane.replace('-', '_'));
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(new RedshiftSinkTask(), props(lane, database))) {
      sink.put(
          List.of(
              event(0, 1, 1_700_000_000_123_456L, 1_700_000_000_123_456_000L, 86_399_999_999L),
              event(1, 2, -1L, -1_000L, 1L),
              event(2, 3, 1L, 999_000L, 0L),
              // Sub-microsecond digits fit no timestamp column: refused with the reason.
              event(3, 4, 5L, 1_700_000_000_123_456_789L, 5L)));
      sink.commit();
      assertEquals(1, sink.reported.size());
      assertEquals(3, sink.reported.get(0).record().kafkaOffset());
      String reason = sink.reported.get(0).error().getMessage();
      assertTrue(
          reason.contains(
              "field 'at_ns' holds 2023-11-14T22:13:20.123456789Z, finer than the microseconds"
                  + " column \"at_ns\" (timestamptz) keeps; values are never rounded"),
          reason);
    }
    List<List<Object>> rows =
        WAREHOUSE.query(
            database,
            "SELECT id, to_char(at_us AT TIME ZONE 'UTC', "
                + UTC_MICROS
                + "), to_char(at_ns AT TIME ZONE 'UTC', "
                + UTC_MICROS
                + "), to_char(local_us AT TIME ZONE 'UTC', "
                + UTC_MICROS
                + "), clock_us::text, to_char(at_ms AT TIME ZONE 'UTC', "
                + UTC_MICROS
                + "), (EXTRACT(EPOCH FROM at_us) * 1000000)::bigint FROM events ORDER BY id");
    assertEquals(
        List.of(
            List.of(
                1L,
                "2023-11-14 22:13:20.123456",
                "2023-11-14 22:13:20.123456",
                "2023-11-14 22:13:20.123456",
                "23:59:59.999999",
                "2023-11-14 22:13:20.123000",
                1_700_000_000_123_456L),
            List.of(
                2L,
                "1969-12-31 23:59:59.999999",
                "1969-12-31 23:59:59.999999",
                "1969-12-31 23:59:59.999999",
                "00:00:00.000001",
                "1969-12-31 23:59:59.999000",
                -1L),
            List.of(
                3L,
                "1970-01-01 00:00:00.000001",
                "1970-01-01 00:00:00.000999",
                "1970-01-01 00:00:00.000001",
                "00:00:00",
                "1970-01-01 00:00:00.000000",
                1L)),
        rows);
    assertEquals(
        List.of(
            List.of("at_us", "timestamp with time zone"),
            List.of("at_ns", "timestamp with time zone"),
            List.of("local_us", "timestamp with time zone"),
            List.of("clock_us", "time without time zone")),
        WAREHOUSE.query(
            database,
            "SELECT column_name::text, data_type::text FROM information_schema.columns"
                + " WHERE table_name = 'events' AND column_name LIKE '%\\_us' OR column_name ="
                + " 'at_ns' ORDER BY ordinal_position"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "redshift-driver"})
  void preCreatedTextAndTimestampColumnsTakeThemExactly(String lane) throws Exception {
    String database = WAREHOUSE.createDatabase("t_fine_text_" + lane.replace('-', '_'));
    WAREHOUSE.execute(
        database,
        "CREATE TABLE events (id BIGINT PRIMARY KEY, at_us VARCHAR(64), at_ns VARCHAR(64),"
            + " local_us TIMESTAMP, clock_us TIME, at_ms TIMESTAMPTZ)");
    try (TaskHarness<RedshiftSinkTask> sink =
        new TaskHarness<>(new RedshiftSinkTask(), props(lane, database))) {
      sink.put(List.of(event(0, 1, 1_700_000_000_123_456L, 1_700_000_000_123_456_789L, 7L)));
      sink.commit();
      assertEquals(List.of(), sink.reported);
    }
    // Text keeps all nine digits; a TIMESTAMP without time zone gets the UTC wall clock.
    assertEquals(
        List.of(
            List.of(
                "2023-11-14T22:13:20.123456Z",
                "2023-11-14T22:13:20.123456789Z",
                "2023-11-14 22:13:20.123456")),
        WAREHOUSE.query(
            database, "SELECT at_us, at_ns, to_char(local_us, " + UTC_MICROS + ") FROM events"));
  }
}
