package io.spillway.connect.flinkupsert.it;

import io.spillway.connect.testkit.EmbeddedConnect;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Input changes for the avro-confluent tests: JsonConverter envelopes ({@code schemas.enable=true})
 * of a table whose value columns are {@code id, tenant, qty, name, amount, day, at} (plus {@code
 * note} in version 2) and whose key is {@code {tenant, id}} in that order, and the model of the
 * final table they make: key {@code [tenant, id]} to the row as plain Java values (String, Long,
 * Integer, BigDecimal, LocalDate, Instant), or null for a deleted key.
 */
final class AvroChanges {
  /** Every value column of version 1, in column order (key fields not first, on purpose). */
  static final List<String> COLUMNS = List.of("id", "tenant", "qty", "name", "amount", "day", "at");

  static final List<String> KEY = List.of("tenant", "id");

  private static final String KEY_SCHEMA =
      "{\"type\":\"struct\",\"fields\":[{\"field\":\"tenant\",\"type\":\"string\"},"
          + "{\"field\":\"id\",\"type\":\"int64\"}]}";
  private static final String V1_FIELDS =
      "{\"field\":\"id\",\"type\":\"int64\"},{\"field\":\"tenant\",\"type\":\"string\"},"
          + "{\"field\":\"qty\",\"type\":\"int32\"},"
          + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
          + "{\"field\":\"amount\",\"type\":\"bytes\",\"name\":"
          + "\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\","
          + "\"connect.decimal.precision\":\"10\"}},"
          + "{\"field\":\"day\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\"},"
          + "{\"field\":\"at\",\"type\":\"int64\",\"name\":"
          + "\"org.apache.kafka.connect.data.Timestamp\"}";
  private static final String V1_SCHEMA = "{\"type\":\"struct\",\"fields\":[" + V1_FIELDS + "]}";
  private static final String V2_SCHEMA =
      "{\"type\":\"struct\",\"fields\":["
          + V1_FIELDS
          + ",{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}";
  private static final long AT_BASE = 1_704_164_645_678L; // 2024-01-02T03:04:05.678Z
  private static final int DAY_BASE = 19_724; // 2024-01-02

  private final EmbeddedConnect connect;
  private final String topic;
  private final boolean exceptKey;
  private final Map<List<Object>, Map<String, Object>> model = new HashMap<>();
  private final Random random;
  private int sequence;

  /**
   * @param exceptKey whether the model's rows leave the key fields out (EXCEPT_KEY)
   */
  AvroChanges(EmbeddedConnect connect, String topic, boolean exceptKey, long seed) {
    this.connect = connect;
    this.topic = topic;
    this.exceptKey = exceptKey;
    this.random = new Random(seed);
  }

  /** The final table so far: key [tenant, id] to its row, null once deleted. */
  Map<List<Object>, Map<String, Object>> model() {
    return new HashMap<>(model);
  }

  /**
   * Produces {@code count} random upserts, updates and deletes (1 in 5) over 3 tenants x 10 ids.
   */
  void randomChanges(int count) {
    for (int i = 0; i < count; i++) {
      String tenant = "t" + random.nextInt(3);
      long id = random.nextInt(10);
      if (random.nextInt(5) == 0) {
        delete(tenant, id);
      } else {
        upsert(tenant, id, false);
      }
    }
  }

  /** Produces one row of version 1 (or 2: with a {@code note}) and applies it to the model. */
  void upsert(String tenant, long id, boolean version2) {
    Produced produced = produceUpsert(tenant, id, version2);
    model.put(produced.key, produced.row);
  }

  /**
   * Produces a version 2 row the sink must not write (it goes to the error policy): the model stays
   * as it is. Returns the envelope, as the dead letter queue holds it.
   */
  String produceRefused(String tenant, long id) {
    return produceUpsert(tenant, id, true).envelope;
  }

  private Produced produceUpsert(String tenant, long id, boolean version2) {
    int n = sequence++;
    String name = n % 4 == 0 ? null : "n" + n;
    int qty = random.nextInt(1000) - 500;
    BigDecimal amount = BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2);
    int day = DAY_BASE + n % 400;
    long at = AT_BASE + n * 1_001L;
    String note = version2 ? "note " + n : null;
    StringBuilder payload =
        new StringBuilder()
            .append("{\"id\":")
            .append(id)
            .append(",\"tenant\":\"")
            .append(tenant)
            .append("\",\"qty\":")
            .append(qty)
            .append(",\"name\":")
            .append(name == null ? "null" : "\"" + name + "\"")
            .append(",\"amount\":")
            .append(amount.toPlainString())
            .append(",\"day\":")
            .append(day)
            .append(",\"at\":")
            .append(at);
    if (version2) {
      payload.append(",\"note\":\"").append(note).append('"');
    }
    payload.append('}');
    String envelope =
        "{\"schema\":" + (version2 ? V2_SCHEMA : V1_SCHEMA) + ",\"payload\":" + payload + "}";
    connect.produce(topic, key(tenant, id), envelope, null);
    Map<String, Object> row = new LinkedHashMap<>();
    if (!exceptKey) {
      row.put("id", id);
      row.put("tenant", tenant);
    }
    row.put("qty", qty);
    row.put("name", name);
    row.put("amount", amount);
    row.put("day", LocalDate.ofEpochDay(day));
    row.put("at", Instant.ofEpochMilli(at));
    if (version2) {
      row.put("note", note);
    }
    return new Produced(envelope, row, List.of(tenant, id));
  }

  private record Produced(String envelope, Map<String, Object> row, List<Object> key) {}

  /** A tombstone with the key struct: the key is deleted. */
  void delete(String tenant, long id) {
    connect.produce(topic, key(tenant, id), null, null);
    model.put(List.of(tenant, id), null);
  }

  /** The value columns the target's rows hold, in order. */
  List<String> valueColumns(boolean version2) {
    List<String> columns = new ArrayList<>(COLUMNS);
    if (exceptKey) {
      columns.removeAll(KEY);
    }
    if (version2) {
      columns.add("note");
    }
    return columns;
  }

  /** The JsonConverter envelope of key {@code {tenant, id}} (FlinkUpsertSinkIT's input key too). */
  static String key(String tenant, long id) {
    return "{\"schema\":"
        + KEY_SCHEMA
        + ",\"payload\":{\"tenant\":\""
        + tenant
        + "\",\"id\":"
        + id
        + "}}";
  }
}
