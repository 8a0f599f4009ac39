package io.spillway.connect.bench;

import io.spillway.connect.testkit.LocalPostgres;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redshift sink's memory row: the backlog into table {@code memory_backlog} of a fresh database
 * per run on one local PostgreSQL, in insert mode with batches bounded by {@code batch.max.bytes}
 * alone (batch.size and batch.max.wait.ms set high, as in e2e's SinkMemoryIT).
 */
final class RedshiftMemoryDestination implements MemoryDestination {
  private static final String TABLE = MemoryBacklog.TOPIC;
  private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put("tasks.max", "2");
    SETTINGS.put("insert.mode", "insert");
    SETTINGS.put("batch.size", "50000");
    SETTINGS.put("batch.max.wait.ms", "30000");
    SETTINGS.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    SETTINGS.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    SETTINGS.put("value.converter.schemas.enable", "false");
  }

  private final LocalPostgres postgres;
  private String database;

  private RedshiftMemoryDestination(LocalPostgres postgres) {
    this.postgres = postgres;
  }

  static RedshiftMemoryDestination start() {
    return new RedshiftMemoryDestination(LocalPostgres.start());
  }

  @Override
  public String sink() {
    return "Redshift sink";
  }

  @Override
  public String pluginProperty() {
    return "spillway.sink.archive";
  }

  @Override
  public String settings() {
    return MemoryDestination.stated(SETTINGS)
        + " (so batch.max.bytes, default 64 MiB, alone bounds a batch); all other settings at"
        + " their defaults; into a fresh local PostgreSQL database per run";
  }

  @Override
  public Map<String, String> create(String run, String topic) {
    database = postgres.createDatabase(run.replace('-', '_'));
    Map<String, String> config = new LinkedHashMap<>(SETTINGS);
    config.put("connector.class", "io.spillway.connect.redshift.RedshiftSinkConnector");
    config.put("topics", topic);
    config.put("connection.url", postgres.jdbcUrl(database));
    config.put("connection.user", postgres.user());
    config.put("connection.password", postgres.password());
    return config;
  }

  @Override
  public long landed() {
    try {
      return (Long) postgres.query(database, "SELECT count(*) FROM " + TABLE).get(0).get(0);
    } catch (IllegalStateException e) {
      return 0; // the table is not there yet
    }
  }

  @Override
  public void verify(int records) {
    int valueBytes = MemoryBacklog.RECORD_BYTES;
    // A value's pad is what is left of it after the other fields (at most ~170 bytes).
    List<Object> row =
        postgres
            .query(
                database,
                "SELECT count(*), count(DISTINCT click), min(length(pad)), max(length(pad)) FROM "
                    + TABLE)
            .get(0);
    long count = (Long) row.get(0);
    long clicks = (Long) row.get(1);
    int shortest = ((Number) row.get(2)).intValue();
    int longest = ((Number) row.get(3)).intValue();
    if (count != records
        || clicks != records
        || shortest < valueBytes - 200
        || longest >= valueBytes) {
      throw new IllegalStateException(
          String.format(
              "%s.%s: %d rows, %d distinct clicks, pads of %d to %d characters; expected %d rows,"
                  + " each click once, pads just under %d",
              database, TABLE, count, clicks, shortest, longest, records, valueBytes));
    }
  }

  @Override
  public void drop() {
    if (database != null) {
      postgres.execute("postgres", "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
      database = null;
    }
  }

  @Override
  public void close() {
    postgres.close();
  }
}
