package io.spillway.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.testkit.LocalPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.postgresql.PGConnection;

/**
 * The practical limit: one consumer, a Jackson parse per record, reduction by key per batch of
 * records, COPY into a temporary staging table, DELETE ... USING + INSERT ... SELECT, commit, then
 * the consumer offsets. No framework, no schema handling, no error policy.
 */
final class PlainJdbcLoop implements Contestant {
  private static final List<String> COLUMNS =
      List.of("id", "seq", "status", "amount", "qty", "customer", "city", "flag", "note", "score");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATABASE = "bench_plain";

  private final String bootstrap;
  private final LocalPostgres postgres;
  private final UpsertChanges changes;
  private final UpsertChanges warmUp;
  private final int batchSize;
  private int runs;

  PlainJdbcLoop(
      String bootstrap,
      LocalPostgres postgres,
      UpsertChanges changes,
      UpsertChanges warmUp,
      int batchSize) {
    this.bootstrap = bootstrap;
    this.postgres = postgres;
    this.changes = changes;
    this.warmUp = warmUp;
    this.batchSize = batchSize;
  }

  @Override
  public String label() {
    return "plain JDBC COPY + merge loop";
  }

  @Override
  public String settings() {
    return "one KafkaConsumer (max.poll.records=10000), Jackson readTree per record, reduce by key,"
        + " every "
        + batchSize
        + " distinct keys: COPY (CSV) into a temp staging table, DELETE ... USING + INSERT ..."
        + " SELECT, commit, commitSync; table indexed on id";
  }

  @Override
  public void warmUp() throws Exception {
    move(warmUp);
    new FinalState(postgres, warmUp).verify(DATABASE);
    reset();
  }

  @Override
  public double run() throws Exception {
    return changes.records() / move(changes);
  }

  @Override
  public void checkFinalState() {
    new FinalState(postgres, changes).verify(DATABASE);
  }

  @Override
  public void reset() {
    postgres.execute("postgres", "DROP DATABASE IF EXISTS \"" + DATABASE + "\" WITH (FORCE)");
  }

  /** Moves the topic into a fresh database; returns the seconds to its final state. */
  private double move(UpsertChanges topic) throws Exception {
    postgres.createDatabase(DATABASE);
    postgres.execute(
        DATABASE,
        "CREATE TABLE bench_orders (id BIGINT, seq BIGINT, status TEXT, amount DOUBLE PRECISION,"
            + " qty INTEGER, customer TEXT, city TEXT, flag BOOLEAN, note TEXT,"
            + " score DOUBLE PRECISION)");
    // The same index the merge key gets from Spillway's PostgreSQL dialect (Debezium: a primary
    // key).
    postgres.execute(DATABASE, "CREATE INDEX bench_orders_id ON bench_orders (id)");
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "plain-jdbc-loop-" + (++runs));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    long started = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(DATABASE), postgres.user(), postgres.password())) {
      connection.setAutoCommit(false);
      consumer.subscribe(List.of(topic.topic()));
      Map<Long, JsonNode> batch = new LinkedHashMap<>();
      long consumed = 0;
      while (consumed < topic.records()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          JsonNode payload = JSON.readTree(record.value()).get("payload");
          long id = payload.get("id").asLong();
          batch.remove(id);
          batch.put(id, payload);
          consumed++;
        }
        if (batch.size() >= batchSize || (consumed >= topic.records() && !batch.isEmpty())) {
          write(connection, batch);
          batch.clear();
          consumer.commitSync();
        }
      }
    }
    new FinalState(postgres, topic).await(DATABASE, 60_000L);
    return (System.nanoTime() - started) / 1e9;
  }

  private static void write(Connection connection, Map<Long, JsonNode> batch)
      throws SQLException, IOException {
    StringBuilder csv = new StringBuilder(batch.size() * 160);
    for (JsonNode row : batch.values()) {
      for (int i = 0; i < COLUMNS.size(); i++) {
        if (i > 0) {
          csv.append(',');
        }
        JsonNode value = row.get(COLUMNS.get(i));
        if (value.isTextual()) {
          csv.append('"').append(value.asText().replace("\"", "\"\"")).append('"');
        } else {
          csv.append(value.asText());
        }
      }
      csv.append('\n');
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMP TABLE staging (LIKE bench_orders)");
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY staging FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
      statement.executeUpdate(
          "DELETE FROM bench_orders USING staging WHERE bench_orders.id = staging.id");
      statement.executeUpdate("INSERT INTO bench_orders SELECT * FROM staging");
      statement.execute("DROP TABLE staging");
    }
    connection.commit();
  }
}
