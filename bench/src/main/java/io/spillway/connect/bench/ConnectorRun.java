package io.spillway.connect.bench;

import io.spillway.connect.common.json.FlatRowJsonConverter;
import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.LocalPostgres;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One sink connector as a contestant: each run moves the changes topic into a fresh database with a
 * new connector (so a new consumer group reading from the start), timed to the final state.
 */
final class ConnectorRun implements Contestant {
  /** Batch size of the tuned rows (and of the plain loop): bigger batches reduce more updates. */
  static final int TUNED_BATCH = 50_000;

  /** The same consumer setting for both tuned connectors. */
  private static final String TUNED_POLL_RECORDS = "consumer.override.max.poll.records";

  private final String label;
  private final EmbeddedConnect connect;
  private final LocalPostgres postgres;
  private final UpsertChanges changes;
  private final UpsertChanges warmUp;
  private final String database;
  private final Function<String, Map<String, String>> config;
  private final Map<String, String> stated;
  private int runs;

  private ConnectorRun(
      String label,
      EmbeddedConnect connect,
      LocalPostgres postgres,
      UpsertChanges changes,
      UpsertChanges warmUp,
      String database,
      Function<String, Map<String, String>> config,
      Map<String, String> stated) {
    this.label = label;
    this.connect = connect;
    this.postgres = postgres;
    this.changes = changes;
    this.warmUp = warmUp;
    this.database = database;
    this.config = config;
    this.stated = stated;
  }

  private static Map<String, String> common(String connectorClass) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", connectorClass);
    config.put("tasks.max", "2");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "true");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    return config;
  }

  static ConnectorRun spillway(
      EmbeddedConnect connect,
      LocalPostgres postgres,
      UpsertChanges changes,
      UpsertChanges warmUp,
      boolean tuned) {
    Map<String, String> settings = common("io.spillway.connect.redshift.RedshiftSinkConnector");
    settings.put("table.name.format", UpsertChanges.TABLE);
    settings.put("insert.mode", "upsert");
    settings.put("pk.mode", "record_key");
    String label = "Spillway Redshift sink, defaults";
    if (tuned) {
      settings.put("batch.size", Integer.toString(TUNED_BATCH));
      settings.put(TUNED_POLL_RECORDS, Integer.toString(TUNED_BATCH));
      settings.put("key.converter", FlatRowJsonConverter.class.getName());
      settings.put("value.converter", FlatRowJsonConverter.class.getName());
      settings.putAll(BenchSettings.fromProperty("bench.spillway.config"));
      label = "Spillway Redshift sink, tuned";
    }
    String database = tuned ? "bench_spillway_tuned" : "bench_spillway";
    Function<String, Map<String, String>> config =
        topic -> {
          Map<String, String> full = new LinkedHashMap<>(settings);
          full.put("topics", topic);
          full.put("connection.url", postgres.jdbcUrl(database));
          full.put("connection.user", postgres.user());
          full.put("connection.password", postgres.password());
          return full;
        };
    return new ConnectorRun(label, connect, postgres, changes, warmUp, database, config, settings);
  }

  static ConnectorRun debezium(
      EmbeddedConnect connect,
      LocalPostgres postgres,
      UpsertChanges changes,
      UpsertChanges warmUp,
      boolean tuned) {
    Map<String, String> settings = common("io.debezium.connector.jdbc.JdbcSinkConnector");
    settings.put("collection.name.format", UpsertChanges.TABLE);
    settings.put("insert.mode", "upsert");
    settings.put("primary.key.mode", "record_key");
    settings.put("primary.key.fields", "id");
    settings.put("schema.evolution", "basic");
    String label = "Debezium JDBC sink 3.6, defaults";
    if (tuned) {
      // Its best shot: a large batch and its own per-key reduction switched on. It writes at
      // every put(), so its batches are capped by the consumer's max.poll.records: raise that too.
      settings.put("batch.size", Integer.toString(TUNED_BATCH));
      settings.put(TUNED_POLL_RECORDS, Integer.toString(TUNED_BATCH));
      settings.put("use.reduction.buffer", "true");
      label = "Debezium JDBC sink 3.6, tuned";
    }
    String database = tuned ? "bench_debezium_tuned" : "bench_debezium";
    Function<String, Map<String, String>> config =
        topic -> {
          Map<String, String> full = new LinkedHashMap<>(settings);
          full.put("topics", topic);
          full.put("connection.url", postgres.jdbcUrl(database));
          full.put("connection.username", postgres.user());
          full.put("connection.password", postgres.password());
          return full;
        };
    return new ConnectorRun(label, connect, postgres, changes, warmUp, database, config, settings);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String settings() {
    return stated.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().replaceAll(".*\\.", ""))
        .collect(Collectors.joining(", ", "", "; all other settings at their defaults"));
  }

  @Override
  public void warmUp() throws Exception {
    move(warmUp);
    new FinalState(postgres, warmUp).verify(database);
    reset();
  }

  @Override
  public double run() throws Exception {
    return changes.records() / move(changes);
  }

  /** Moves the topic into a fresh database; returns the seconds to its final state. */
  private double move(UpsertChanges topic) throws InterruptedException {
    postgres.createDatabase(database);
    String name = "bench-" + database.replace('_', '-') + "-" + (++runs);
    long started = System.nanoTime();
    connect.configureConnector(name, config.apply(topic.topic()));
    new FinalState(postgres, topic).await(database, 60_000L + topic.records());
    double seconds = (System.nanoTime() - started) / 1e9;
    connect.deleteConnector(name); // stopped before the check: nothing changes the table after
    return seconds;
  }

  @Override
  public void checkFinalState() {
    new FinalState(postgres, changes).verify(database);
  }

  @Override
  public void reset() {
    postgres.execute("postgres", "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
  }
}
