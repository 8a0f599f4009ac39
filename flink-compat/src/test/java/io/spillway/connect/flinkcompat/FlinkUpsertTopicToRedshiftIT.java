package io.spillway.connect.flinkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.Await;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.LocalPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The other direction of the Flink upsert sink's issue: an upsert topic written by Flink's own
 * upsert-kafka sink (JSON key of the primary key fields, JSON value with ALL columns, null value on
 * delete) read by the Redshift sink ({@code pk.mode=record_key}, {@code delete.enabled=true},
 * schemaless JsonConverter) ends as the same table in PostgreSQL as Flink's own reader sees.
 */
class FlinkUpsertTopicToRedshiftIT {
  static final String REDSHIFT_ARCHIVE = "spillway.compat.redshift.archive";

  private static final LocalPostgres WAREHOUSE = LocalPostgres.shared();
  private static FlinkAndConnect cluster;
  private static EmbeddedConnect connect;
  private static FlinkUpsertTables flink;

  @BeforeAll
  static void start() {
    cluster = FlinkAndConnect.start(REDSHIFT_ARCHIVE);
    connect = cluster.connect();
    flink = cluster.flink();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The recipe of the guide: the Redshift sink on a Flink upsert topic. */
  static Map<String, String> redshiftSinkOnFlinkTopic(String database, String topic) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.spillway.connect.redshift.RedshiftSinkConnector");
    config.put("topics", topic);
    config.put("connection.url", WAREHOUSE.jdbcUrl(database));
    config.put("connection.user", WAREHOUSE.user());
    config.put("connection.password", WAREHOUSE.password());
    config.put("insert.mode", "upsert");
    config.put("pk.mode", "record_key");
    config.put("delete.enabled", "true");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("batch.max.wait.ms", "200");
    return config;
  }

  @Test
  void redshiftSinkEndsWithFlinksFinalTable() {
    String topic = "flink_orders";
    connect.createTopic(topic, 2);
    UpsertTopic upsert =
        UpsertTopic.json(
            connect.kafka(), topic, OrderChanges.COLUMNS, OrderChanges.PRIMARY_KEY, "ALL");
    OrderChanges orders = OrderChanges.generate(15, 42);

    flink.writeUpsertTopic(upsert, orders.changes);
    List<ConsumerRecord<byte[], byte[]>> written =
        connect.consume(topic, orders.changes.size(), Duration.ofSeconds(30));
    assertEquals(orders.changes.size(), written.size(), "one record per change");
    assertEquals(
        orders.deletes(), written.stream().filter(r -> r.value() == null).count(), "tombstones");
    assertTrue(
        written.stream()
            .allMatch(
                r ->
                    new String(r.key(), StandardCharsets.UTF_8)
                        .matches("\\{\"tenant\":\"t[12]\",\"id\":\\d+}")),
        "keys are the primary key fields only");

    List<List<Object>> flinkTable = flink.readFinalTable(upsert);
    assertEquals(orders.finalTable(), flinkTable, "Flink's own reader sees the changelog applied");

    String database = WAREHOUSE.createDatabase("flink_upsert");
    connect.configureConnector("flink-orders", redshiftSinkOnFlinkTopic(database, topic));
    connect.awaitConnectorRunning("flink-orders", 1);
    List<List<Object>> expected =
        flinkTable.stream().map(FlinkUpsertTopicToRedshiftIT::asWarehouse).toList();
    String select =
        "SELECT tenant, id, status, amount, created, note FROM " + topic + " ORDER BY tenant, id";
    Await.until(
        Duration.ofSeconds(60),
        "PostgreSQL's table equal to Flink's final table",
        () -> expected.equals(normalized(WAREHOUSE.query(database, select))),
        () -> normalized(WAREHOUSE.query(database, select)));

    // What the recipe documents: schemaless JSON gives the columns the types of JSON values (and
    // the order of JsonConverter's map, not Flink's column order).
    assertEquals(
        Map.of(
            "tenant", "text",
            "id", "bigint",
            "status", "text",
            "amount", "double precision",
            "created", "text",
            "note", "text"),
        columnTypes(database, topic));
    connect.deleteConnector("flink-orders");
  }

  private static Map<String, String> columnTypes(String database, String table) {
    Map<String, String> types = new HashMap<>();
    for (List<Object> column :
        WAREHOUSE.query(
            database,
            "SELECT column_name::text, data_type::text FROM information_schema.columns"
                + " WHERE table_name = ?",
            table)) {
      types.put((String) column.get(0), (String) column.get(1));
    }
    return types;
  }

  /**
   * A Flink row as the warehouse holds it: numbers compared by value, TIMESTAMP(3) as the text
   * Flink's JSON format writes ({@code 2024-01-02 03:04:05.5}).
   */
  private static List<Object> asWarehouse(List<Object> flinkRow) {
    List<Object> row = new ArrayList<>();
    for (Object value : flinkRow) {
      if (value instanceof LocalDateTime time) {
        row.add(FlinkJsonText.timestamp(time));
      } else {
        row.add(number(value));
      }
    }
    return row;
  }

  private static List<List<Object>> normalized(List<List<Object>> rows) {
    return rows.stream()
        .map(row -> row.stream().map(FlinkUpsertTopicToRedshiftIT::number).toList())
        .toList();
  }

  private static Object number(Object value) {
    return value instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros() : value;
  }
}
