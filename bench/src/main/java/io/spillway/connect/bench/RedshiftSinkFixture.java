package io.spillway.connect.bench;

import io.spillway.connect.testkit.EmbeddedConnect;
import io.spillway.connect.testkit.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Redshift sink rows' environment: one local PostgreSQL, one embedded worker with Spillway's
 * and Debezium's plugin archives, the changes topic and a warm-up topic (1/10 its size), and one
 * contestant per variant, shared by the rows (the tuned sink runs once per repeat for the tuned and
 * the limit row). System properties {@code spillway.sink.archive} and {@code debezium.plugin.dir}
 * name the plugin folders ({@code bench/run-all.sh} and the smoke test set them).
 */
final class RedshiftSinkFixture implements AutoCloseable {
  static final int FULL_RECORDS = 1_000_000;
  static final int FULL_KEYS = 100_000;

  /** The contestants. */
  enum Variant {
    SPILLWAY,
    SPILLWAY_TUNED,
    DEBEZIUM,
    DEBEZIUM_TUNED,
    PLAIN_LOOP
  }

  private final LocalPostgres postgres;
  private final EmbeddedConnect connect;
  private final UpsertChanges changes;
  private final UpsertChanges warmUp;
  private final Map<Variant, Contestant> contestants = new EnumMap<>(Variant.class);

  private RedshiftSinkFixture(
      LocalPostgres postgres,
      EmbeddedConnect connect,
      UpsertChanges changes,
      UpsertChanges warmUp) {
    this.postgres = postgres;
    this.connect = connect;
    this.changes = changes;
    this.warmUp = warmUp;
  }

  static RedshiftSinkFixture start(Scale scale) throws Exception {
    Path sinkArchive = folder("spillway.sink.archive");
    Path debezium = folder("debezium.plugin.dir");
    LocalPostgres postgres = LocalPostgres.start();
    EmbeddedConnect connect = null;
    try {
      connect =
          EmbeddedConnect.builder()
              .pluginArchive(sinkArchive)
              .pluginArchive(debezium)
              .workerProp("offset.flush.interval.ms", "10000")
              // lets the tuned runs raise their consumer's max.poll.records
              .workerProp("connector.client.config.override.policy", "All")
              .start();
      int records = scale.records(FULL_RECORDS);
      int keys = Math.max(10, (int) Math.min(records / 10L, FULL_KEYS));
      UpsertChanges changes = UpsertChanges.produce(connect, "bench-orders", records, keys);
      UpsertChanges warmUp =
          UpsertChanges.produce(
              connect, "bench-warmup", Math.max(100, records / 10), Math.max(10, keys / 10));
      return new RedshiftSinkFixture(postgres, connect, changes, warmUp);
    } catch (Exception | Error e) {
      if (connect != null) {
        connect.close();
      }
      postgres.close();
      throw e;
    }
  }

  private static Path folder(String property) {
    String value = System.getProperty(property, "");
    if (value.isBlank() || !Files.isDirectory(Path.of(value))) {
      throw new IllegalStateException(
          "System property "
              + property
              + " must name a plugin folder (was '"
              + value
              + "'): run bench/run-all.sh, which builds and passes it");
    }
    return Path.of(value);
  }

  BenchRow.DataSet data() {
    return changes.dataSet();
  }

  Contestant contestant(Variant variant) {
    Supplier<Contestant> make =
        switch (variant) {
          case SPILLWAY -> () -> ConnectorRun.spillway(connect, postgres, changes, warmUp, false);
          case SPILLWAY_TUNED ->
              () -> ConnectorRun.spillway(connect, postgres, changes, warmUp, true);
          case DEBEZIUM -> () -> ConnectorRun.debezium(connect, postgres, changes, warmUp, false);
          case DEBEZIUM_TUNED ->
              () -> ConnectorRun.debezium(connect, postgres, changes, warmUp, true);
          case PLAIN_LOOP ->
              () ->
                  new PlainJdbcLoop(
                      connect.kafka(), postgres, changes, warmUp, ConnectorRun.TUNED_BATCH);
        };
    return contestants.computeIfAbsent(variant, v -> make.get());
  }

  @Override
  public void close() {
    try {
      connect.close();
    } finally {
      postgres.close();
    }
  }
}
