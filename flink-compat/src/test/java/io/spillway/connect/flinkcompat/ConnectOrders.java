package io.spillway.connect.flinkcompat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Orders as Connect records with a schema (string, int64, Decimal, Timestamp, Date, optional
 * fields), written as JsonConverter envelopes; upserts, updates and tombstones (key {@code
 * {"tenant":..,"id":..}}, null value), and the final table Flink must read, in Flink's Java values.
 */
final class ConnectOrders {
  /** Flink SQL columns matching {@link #SCHEMA}, primary key (tenant, id). */
  static final String COLUMNS =
      "tenant STRING, id BIGINT, status STRING, amount DECIMAL(10, 2), created TIMESTAMP(3),"
          + " `day` DATE, note STRING";

  static final List<String> PRIMARY_KEY = List.of("tenant", "id");

  static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name("orders")
          .field("tenant", Schema.STRING_SCHEMA)
          .field("id", Schema.INT64_SCHEMA)
          .field("status", Schema.STRING_SCHEMA)
          .field("amount", org.apache.kafka.connect.data.Decimal.builder(2).build())
          .field("created", Timestamp.SCHEMA)
          .field("day", org.apache.kafka.connect.data.Date.builder().optional().build())
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  private final JsonConverter values = new JsonConverter();
  private final JsonConverter keys = new JsonConverter();
  final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

  /** The same changes as Flink rows, for Flink's own sink. */
  final List<Row> flinkChanges = new ArrayList<>();

  private final Map<List<Object>, List<Object>> table = new LinkedHashMap<>();

  private ConnectOrders() {
    values.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
    keys.configure(Map.of("schemas.enable", "false"), true);
  }

  /** Inserts for t1/t2 x {@code keysPerTenant} ids, then updates and tombstones. */
  static ConnectOrders generate(String topic, int keysPerTenant, long seed) {
    Random random = new Random(seed);
    ConnectOrders orders = new ConnectOrders();
    LocalDateTime start = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
    int n = 0;
    for (String tenant : List.of("t1", "t2")) {
      for (long id = 1; id <= keysPerTenant; id++) {
        // whole seconds, .5 (trailing zeros) and .678; a day before 1970 too
        LocalDateTime created = start.plusNanos(500_000_000L * (n % 3) + 678_000_000L * (n % 2));
        LocalDate day = id % 4 == 0 ? null : LocalDate.of(1969 + n % 60, 1 + n % 12, 1 + n % 28);
        String note = id % 2 == 0 ? null : "note \u00e9 \"" + n + "\"";
        orders.upsert(topic, tenant, id, "new", cents(random), created, day, note);
        n++;
      }
    }
    List<List<Object>> keys = new ArrayList<>(orders.table.keySet());
    for (int i = 0; i < keys.size(); i++) {
      List<Object> row = orders.table.get(keys.get(i));
      String tenant = (String) row.get(0);
      long id = (Long) row.get(1);
      if (i % 3 == 0) {
        LocalDateTime created = ((LocalDateTime) row.get(4)).plusMinutes(1);
        orders.upsert(topic, tenant, id, "paid", cents(random), created, null, "updated");
      } else if (i % 5 == 1) {
        orders.delete(topic, tenant, id);
      }
    }
    List<Object> back = orders.table.get(keys.get(3));
    orders.delete(topic, (String) back.get(0), (Long) back.get(1));
    orders.upsert(
        topic,
        (String) back.get(0),
        (Long) back.get(1),
        "restored",
        new BigDecimal("0.10"),
        (LocalDateTime) back.get(4),
        LocalDate.of(2024, 2, 29),
        null);
    return orders;
  }

  private static BigDecimal cents(Random random) {
    return BigDecimal.valueOf(random.nextInt(1_000_000), 2);
  }

  private void upsert(
      String topic,
      String tenant,
      long id,
      String status,
      BigDecimal amount,
      LocalDateTime created,
      LocalDate day,
      String note) {
    Struct value =
        new Struct(SCHEMA)
            .put("tenant", tenant)
            .put("id", id)
            .put("status", status)
            .put("amount", amount)
            .put("created", Date.from(created.toInstant(ZoneOffset.UTC)))
            .put(
                "day", day == null ? null : Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()))
            .put("note", note);
    records.add(
        new ProducerRecord<>(
            topic, key(topic, tenant, id), values.fromConnectData(topic, SCHEMA, value)));
    List<Object> row = Arrays.asList(tenant, id, status, amount, created, day, note);
    RowKind kind = table.containsKey(List.of(tenant, id)) ? RowKind.UPDATE_AFTER : RowKind.INSERT;
    flinkChanges.add(Row.ofKind(kind, row.toArray()));
    table.put(List.of(tenant, id), row);
  }

  private void delete(String topic, String tenant, long id) {
    records.add(new ProducerRecord<>(topic, key(topic, tenant, id), null));
    List<Object> row = table.remove(List.of(tenant, id));
    flinkChanges.add(Row.ofKind(RowKind.DELETE, row.toArray()));
  }

  private byte[] key(String topic, String tenant, long id) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("tenant", tenant);
    key.put("id", id);
    return keys.fromConnectData(topic, null, key);
  }

  /** The final table in column order, Flink's Java values, sorted by (tenant, id). */
  List<List<Object>> finalTable() {
    List<List<Object>> rows = new ArrayList<>(table.values());
    rows.sort(FlinkUpsertTables.byColumns(List.of(0, 1)));
    return rows;
  }
}
