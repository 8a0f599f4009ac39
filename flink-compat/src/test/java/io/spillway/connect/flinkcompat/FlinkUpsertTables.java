package io.spillway.connect.flinkcompat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * Real Flink SQL in this JVM, as the peer of our upsert topics: Flink's own {@code upsert-kafka}
 * connector reads a topic to its final table and writes changelogs (inserts, updates, deletes) as
 * upsert topics.
 *
 * <p>One {@link MiniCluster} (1 task manager, 2 slots, small memory) and one table environment per
 * instance, meant to be shared by a test class: a local environment would start a new mini cluster
 * for every job. Jobs reach it over its REST endpoint, as a remote environment.
 */
final class FlinkUpsertTables implements AutoCloseable {
  private static final int SLOTS = 2;

  private final MiniCluster cluster;
  private final StreamExecutionEnvironment env;
  private final AtomicInteger tableIds = new AtomicInteger();
  private StreamTableEnvironment tables;

  private FlinkUpsertTables(MiniCluster cluster, StreamExecutionEnvironment env) {
    this.cluster = cluster;
    this.env = env;
  }

  /**
   * The table environment, made on first use by the thread that uses it: the planner keeps
   * Calcite's metadata providers in a thread local of the thread that created it.
   */
  private synchronized StreamTableEnvironment tables() {
    if (tables == null) {
      tables = newTableEnvironment(env);
    }
    return tables;
  }

  private static StreamTableEnvironment newTableEnvironment(StreamExecutionEnvironment env) {
    StreamTableEnvironment tables =
        StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
    // Changes go to the sink as they come, in input order (one source task): no upsert
    // materializer, which would drop a delete whose row differs from the stored one.
    tables.getConfig().set("table.exec.sink.upsert-materialize", "NONE");
    return tables;
  }

  /**
   * Starts the mini cluster and warms the planner's classes up in the background with a throwaway
   * table environment (the first query of a JVM costs seconds), so that a test class can start its
   * Kafka and Connect meanwhile.
   */
  static CompletableFuture<FlinkUpsertTables> startAsync() {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            FlinkUpsertTables flink = start();
            newTableEnvironment(flink.env).explainSql("SELECT 1");
            return flink;
          } catch (Exception e) {
            throw new IllegalStateException("Cannot start Flink", e);
          }
        });
  }

  /** Starts a mini cluster and the table environment on it (parallelism 1). */
  static FlinkUpsertTables start() throws Exception {
    Configuration config = new Configuration();
    config.set(TaskManagerOptions.NUM_TASK_SLOTS, SLOTS);
    config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(32));
    config.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(32));
    config.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(32));
    config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    config.set(RestOptions.ADDRESS, "127.0.0.1");
    config.set(RestOptions.BIND_PORT, "0");
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(SLOTS)
                .build());
    try {
      cluster.start();
      URI rest = cluster.getRestAddress().get();
      Configuration client = new Configuration();
      client.set(CoreOptions.DEFAULT_PARALLELISM, 1);
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createRemoteEnvironment(
              rest.getHost(), rest.getPort(), client);
      env.setParallelism(1);
      return new FlinkUpsertTables(cluster, env);
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Reads the topic with Flink's upsert-kafka source up to the latest offsets ({@code
   * scan.bounded.mode=latest-offset}) and returns the final table: one row per primary key, columns
   * in table order (Flink's Java values: String, Long, BigDecimal, LocalDateTime, LocalDate, ...),
   * sorted by the primary key.
   */
  List<List<Object>> readFinalTable(UpsertTopic topic) {
    String table = createTable(topic, Map.of("scan.bounded.mode", "latest-offset"));
    ResolvedSchema schema = tables().from("`" + table + "`").getResolvedSchema();
    List<Integer> keyColumns = keyColumns(schema, topic.primaryKey());
    Map<List<Object>, List<Object>> rows = new LinkedHashMap<>();
    TableResult result = tables().executeSql("SELECT * FROM `" + table + "`");
    CloseableIterator<Row> changes = result.collect();
    try {
      while (changes.hasNext()) {
        Row change = changes.next();
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < change.getArity(); i++) {
          row.add(change.getField(i));
        }
        List<Object> key = keyColumns.stream().map(row::get).toList();
        if (change.getKind() == RowKind.INSERT || change.getKind() == RowKind.UPDATE_AFTER) {
          rows.put(key, row);
        } else {
          rows.remove(key);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("Flink could not read upsert topic " + topic.topic(), e);
    } finally {
      closeQuietly(changes);
      tables().executeSql("DROP TEMPORARY TABLE `" + table + "`");
    }
    List<List<Object>> sorted = new ArrayList<>(rows.values());
    sorted.sort(byColumns(keyColumns));
    return sorted;
  }

  /**
   * Writes {@code changes} (rows in column order whose {@link RowKind} says insert, update or
   * delete) through Flink's upsert-kafka sink, in order, and waits for the job to finish.
   */
  void writeUpsertTopic(UpsertTopic topic, List<Row> changes) {
    String table = createTable(topic, Map.of());
    try {
      ResolvedSchema schema = tables().from("`" + table + "`").getResolvedSchema();
      DataType rowType = schema.toPhysicalRowDataType().bridgedTo(Row.class);
      TypeInformation<Row> typeInfo = ExternalTypeInfo.of(rowType);
      DataStream<Row> stream = env.fromData(changes, typeInfo);
      Table changelog = tables().fromChangelogStream(stream);
      changelog.executeInsert("`" + table + "`").await();
    } catch (Exception e) {
      throw new IllegalStateException("Flink could not write upsert topic " + topic.topic(), e);
    } finally {
      tables().executeSql("DROP TEMPORARY TABLE `" + table + "`");
    }
  }

  private String createTable(UpsertTopic topic, Map<String, String> extra) {
    String table = "t" + tableIds.incrementAndGet();
    tables().executeSql(topic.ddl(table, extra));
    return table;
  }

  private static List<Integer> keyColumns(ResolvedSchema schema, List<String> primaryKey) {
    List<String> names = schema.getColumns().stream().map(Column::getName).toList();
    List<Integer> indexes = new ArrayList<>();
    for (String key : primaryKey) {
      int index = names.indexOf(key);
      if (index < 0) {
        throw new IllegalArgumentException("Primary key column " + key + " not in " + names);
      }
      indexes.add(index);
    }
    return indexes;
  }

  /** Orders rows by the key columns; key values are Comparable (strings, numbers, dates). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Comparator<List<Object>> byColumns(List<Integer> columns) {
    return (a, b) -> {
      for (int column : columns) {
        int order = ((Comparable) a.get(column)).compareTo(b.get(column));
        if (order != 0) {
          return order;
        }
      }
      return 0;
    };
  }

  private static void closeQuietly(CloseableIterator<Row> changes) {
    try {
      changes.close();
    } catch (Exception e) {
      // the job has ended (bounded read) or failed (reported by the caller): nothing to release
    }
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the Flink mini cluster", e);
    }
  }
}
