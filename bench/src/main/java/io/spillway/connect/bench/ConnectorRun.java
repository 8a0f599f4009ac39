package io.spillway.connect.bench;

import io.spillway.connect.common.json.FlatRowJsonConverter;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.LocalPostgres;
import java.util.HashMap;
import java.util.Map;

/** One sink connector moving the bench topic into a fresh database, timed to the final state. */
final class ConnectorRun {
  /** The same consumer setting for both tuned connectors. */
  private static final String TUNED_POLL_RECORDS = "consumer.override.max.poll.records";

  private final SinkUpsertBenchmark.Variant variant;
  private final String label;
  private final EmbeddedConnect connect;
  private final LocalPostgres postgres;
  private final FinalState finalState;
  private final String database;
  private final Map<String, String> config;

  private ConnectorRun(
      SinkUpsertBenchmark.Variant variant,
      String label,
      EmbeddedConnect connect,
      LocalPostgres postgres,
      FinalState finalState,
      String database,
      Map<String, String> config) {
    this.variant = variant;
    this.label = label;
    this.connect = connect;
    this.postgres = postgres;
    this.finalState = finalState;
    this.database = database;
    this.config = config;
  }

  private static Map<String, String> common(String connectorClass) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", connectorClass);
    config.put("topics", SinkUpsertBenchmark.TOPIC);
    config.put("tasks.max", "2");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "true");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    return config;
  }

  static ConnectorRun spillway(
      EmbeddedConnect connect, LocalPostgres postgres, FinalState state, boolean tuned) {
    String database = postgres.createDatabase(tuned ? "bench_spillway_tuned" : "bench_spillway");
    Map<String, String> config = common("io.spillway.connect.redshift.RedshiftSinkConnector");
    config.put("connection.url", postgres.jdbcUrl(database));
    config.put("connection.user", postgres.user());
    config.put("connection.password", postgres.password());
    config.put("table.name.format", "bench_orders");
    config.put("insert.mode", "upsert");
    config.put("pk.mode", "record_key");
    String label = "Spillway sink (upsert, defaults)";
    if (tuned) {
      config.put("batch.size", Integer.toString(SinkUpsertBenchmark.TUNED_BATCH));
      config.put(TUNED_POLL_RECORDS, Integer.toString(SinkUpsertBenchmark.TUNED_BATCH));
      config.put("key.converter", FlatRowJsonConverter.class.getName());
      config.put("value.converter", FlatRowJsonConverter.class.getName());
      label = "Spillway sink (upsert, batch+poll 50k, FlatRowJsonConverter)";
      Map<String, String> extra = BenchSettings.fromProperty("bench.spillway.config");
      if (!extra.isEmpty()) {
        config.putAll(extra);
        label = "Spillway sink (upsert, FlatRowJsonConverter, " + extra + ")";
      }
    }
    SinkUpsertBenchmark.Variant variant =
        tuned ? SinkUpsertBenchmark.Variant.SPILLWAY_TUNED : SinkUpsertBenchmark.Variant.SPILLWAY;
    return new ConnectorRun(variant, label, connect, postgres, state, database, config);
  }

  static ConnectorRun debezium(
      EmbeddedConnect connect, LocalPostgres postgres, FinalState state, boolean tuned) {
    String database = postgres.createDatabase(tuned ? "bench_debezium_tuned" : "bench_debezium");
    Map<String, String> config = common("io.debezium.connector.jdbc.JdbcSinkConnector");
    config.put("connection.url", postgres.jdbcUrl(database));
    config.put("connection.username", postgres.user());
    config.put("connection.password", postgres.password());
    config.put("collection.name.format", "bench_orders");
    config.put("insert.mode", "upsert");
    config.put("primary.key.mode", "record_key");
    config.put("primary.key.fields", "id");
    config.put("schema.evolution", "basic");
    String label = "Debezium JDBC sink 3.6 (upsert, defaults)";
    if (tuned) {
      // Its best shot: a large batch and its own per-key reduction switched on. It writes at
      // every put(), so its batches are capped by the consumer's max.poll.records: raise that too.
      config.put("batch.size", Integer.toString(SinkUpsertBenchmark.TUNED_BATCH));
      config.put(TUNED_POLL_RECORDS, Integer.toString(SinkUpsertBenchmark.TUNED_BATCH));
      config.put("use.reduction.buffer", "true");
      label = "Debezium JDBC sink 3.6 (upsert, batch+poll 50k, reduction)";
    }
    SinkUpsertBenchmark.Variant variant =
        tuned ? SinkUpsertBenchmark.Variant.DEBEZIUM_TUNED : SinkUpsertBenchmark.Variant.DEBEZIUM;
    return new ConnectorRun(variant, label, connect, postgres, state, database, config);
  }

  SinkUpsertBenchmark.Result run(int records) throws InterruptedException {
    String name = "bench-" + database.replace('_', '-');
    long started = System.nanoTime();
    connect.configureConnector(name, config);
    finalState.await(database, "bench_orders", 30 * 60_000L);
    double seconds = (System.nanoTime() - started) / 1e9;
    connect.deleteConnector(name);
    System.out.printf("%s: %.1f s%n", label, seconds);
    return new SinkUpsertBenchmark.Result(variant, label, seconds, records);
  }
}
