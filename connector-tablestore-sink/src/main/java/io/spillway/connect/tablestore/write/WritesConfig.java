package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.config.EnumValidator;
import io.spillway.connect.tablestore.client.WriterSettings;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * How rows are written: put or update, deletes, auto-create, and the SDK writer's buffer,
 * concurrency and flush interval, with the aliyun connector's keys and defaults.
 */
public final class WritesConfig {
  public static final String GROUP = "Writes";

  public static final String INSERT_MODE = "insert.mode";
  public static final String INSERT_MODE_DEFAULT = "put";
  public static final String INSERT_MODE_DOC =
      "'put': PutRow, the row is replaced by the record's columns. 'update': UpdateRow, the"
          + " record's columns are set and the row's other columns stay.";

  public static final String INSERT_ORDER_ENABLE = "insert.order.enable";
  public static final boolean INSERT_ORDER_ENABLE_DEFAULT = true;
  public static final String INSERT_ORDER_ENABLE_DOC =
      "true: rows are spread over the writer's buckets by primary key hash and each bucket writes"
          + " in order, so the writes of one row land in record order. false: round robin over"
          + " the buckets, written in parallel (faster; two writes of one row may swap).";

  public static final String AUTO_CREATE = "auto.create";
  public static final boolean AUTO_CREATE_DEFAULT = false;
  public static final String AUTO_CREATE_DOC =
      "Create a missing table with the primary key of primarykey.mode (and the per-table"
          + " tablestore.<table>.primarykey.* settings) before its first row. When false, a"
          + " missing table fails the task.";

  public static final String DELETE_MODE = "delete.mode";
  public static final String DELETE_MODE_DEFAULT = "none";
  public static final String DELETE_MODE_DOC =
      "'row': a tombstone (null value, or a flattened row marked as a tombstone) deletes its row."
          + " 'column': with insert.mode=update, a null field deletes its column. 'row_and_column':"
          + " both. 'none': tombstones are skipped (counted) and null fields ignored. Anything but"
          + " none needs primarykey.mode=record_key.";

  public static final String BUFFER_SIZE = "buffer.size";
  public static final int BUFFER_SIZE_DEFAULT = 1024;
  public static final String BUFFER_SIZE_DOC =
      "Rows the SDK writer buffers per bucket (its bufferSize; a power of 2).";

  public static final String MAX_THREAD_COUNT = "max.thread.count";
  public static final String MAX_THREAD_COUNT_DOC =
      "Callback threads of the task's writer; unset: the number of processors + 1.";

  public static final String MAX_CONCURRENCY = "max.concurrency";
  public static final int MAX_CONCURRENCY_DEFAULT = 10;
  public static final String MAX_CONCURRENCY_DOC = "Concurrent write requests of a task's writer.";

  public static final String BUCKET_COUNT = "bucket.count";
  public static final int BUCKET_COUNT_DEFAULT = 3;
  public static final String BUCKET_COUNT_DOC =
      "Buckets of a task's writer: more buckets write more in parallel; keep it at most"
          + " max.concurrency.";

  public static final String FLUSH_INTERVAL = "flush.Interval";
  public static final int FLUSH_INTERVAL_DEFAULT = 10_000;
  public static final String FLUSH_INTERVAL_DOC =
      "Milliseconds after which the writer sends what it buffered (the aliyun key, capital I).";

  public static final String FLUSH_INTERVAL_LOWER = "flush.interval";
  public static final String FLUSH_INTERVAL_LOWER_DOC =
      "Same as flush.Interval, in the usual spelling; wins when both are set.";

  public static final String BUFFER_MAX_BYTES = "buffer.max.bytes";
  public static final long BUFFER_MAX_BYTES_DEFAULT = 64L * 1024 * 1024;
  public static final String BUFFER_MAX_BYTES_DOC =
      "Spillway: the most record bytes (estimated) a task holds in its writer before it waits for"
          + " them to be written. buffer.size counts rows, so with large records (256 KiB each,"
          + " buffer.size 1024, 3 buckets) the writer alone could hold 768 MiB; this bound keeps"
          + " a worker's heap safe whatever the record size.";

  private WritesConfig() {}

  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    return def.define(
            INSERT_MODE,
            Type.STRING,
            INSERT_MODE_DEFAULT,
            EnumValidator.of(InsertMode.class),
            Importance.HIGH,
            INSERT_MODE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Insert mode")
        .define(
            DELETE_MODE,
            Type.STRING,
            DELETE_MODE_DEFAULT,
            EnumValidator.of(DeleteMode.class),
            Importance.MEDIUM,
            DELETE_MODE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Delete mode")
        .define(
            AUTO_CREATE,
            Type.BOOLEAN,
            AUTO_CREATE_DEFAULT,
            Importance.MEDIUM,
            AUTO_CREATE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Auto create")
        .define(
            INSERT_ORDER_ENABLE,
            Type.BOOLEAN,
            INSERT_ORDER_ENABLE_DEFAULT,
            Importance.MEDIUM,
            INSERT_ORDER_ENABLE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Ordered writes")
        .define(
            BUFFER_SIZE,
            Type.INT,
            BUFFER_SIZE_DEFAULT,
            ConfigDef.LambdaValidator.with(WritesConfig::powerOfTwo, () -> "a power of 2"),
            Importance.MEDIUM,
            BUFFER_SIZE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Buffer size")
        .define(
            MAX_THREAD_COUNT,
            Type.INT,
            null,
            ConfigDef.LambdaValidator.with(
                WritesConfig::positiveOrUnset, () -> "[1,...] or unset (processors + 1)"),
            Importance.LOW,
            MAX_THREAD_COUNT_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Callback threads")
        .define(
            MAX_CONCURRENCY,
            Type.INT,
            MAX_CONCURRENCY_DEFAULT,
            Range.atLeast(1),
            Importance.MEDIUM,
            MAX_CONCURRENCY_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Max concurrency")
        .define(
            BUCKET_COUNT,
            Type.INT,
            BUCKET_COUNT_DEFAULT,
            Range.atLeast(1),
            Importance.MEDIUM,
            BUCKET_COUNT_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Bucket count")
        .define(
            FLUSH_INTERVAL,
            Type.INT,
            FLUSH_INTERVAL_DEFAULT,
            Range.atLeast(1),
            Importance.LOW,
            FLUSH_INTERVAL_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Flush interval (ms)")
        .define(
            FLUSH_INTERVAL_LOWER,
            Type.INT,
            null,
            ConfigDef.LambdaValidator.with(WritesConfig::positiveOrUnset, () -> "[1,...] or unset"),
            Importance.LOW,
            FLUSH_INTERVAL_LOWER_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Flush interval (ms)")
        .define(
            BUFFER_MAX_BYTES,
            Type.LONG,
            BUFFER_MAX_BYTES_DEFAULT,
            Range.atLeast(1),
            Importance.LOW,
            BUFFER_MAX_BYTES_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            "Buffer bytes");
  }

  public static long bufferMaxBytes(AbstractConfig config) {
    return config.getLong(BUFFER_MAX_BYTES);
  }

  private static void positiveOrUnset(String name, Object value) {
    if (value != null && (Integer) value < 1) {
      throw new ConfigException(name, value, "must be at least 1");
    }
  }

  private static void powerOfTwo(String name, Object value) {
    int n = (Integer) value;
    if (n <= 0 || (n & (n - 1)) != 0) {
      throw new ConfigException(name, value, "must be a positive power of 2");
    }
  }

  public static InsertMode insertMode(AbstractConfig config) {
    return EnumValidator.parse(InsertMode.class, config.getString(INSERT_MODE));
  }

  public static DeleteMode deleteMode(AbstractConfig config) {
    return EnumValidator.parse(DeleteMode.class, config.getString(DELETE_MODE));
  }

  public static boolean autoCreate(AbstractConfig config) {
    return config.getBoolean(AUTO_CREATE);
  }

  public static WriterSettings writerSettings(AbstractConfig config) {
    Integer lower = config.getInt(FLUSH_INTERVAL_LOWER);
    Integer threads = config.getInt(MAX_THREAD_COUNT);
    return new WriterSettings(
        config.getInt(BUFFER_SIZE),
        threads != null ? threads : Runtime.getRuntime().availableProcessors() + 1,
        config.getInt(MAX_CONCURRENCY),
        config.getInt(BUCKET_COUNT),
        lower != null ? lower : config.getInt(FLUSH_INTERVAL),
        config.getBoolean(INSERT_ORDER_ENABLE));
  }

  /** delete.mode needs a key that a later record (a tombstone) can address its row by. */
  public static List<Map.Entry<String, String>> errors(AbstractConfig config) {
    PrimaryKeyMode pkMode = PrimaryKeyConfig.mode(config);
    if (deleteMode(config) != DeleteMode.NONE && pkMode != PrimaryKeyMode.RECORD_KEY) {
      return List.of(
          Map.entry(
              DELETE_MODE,
              "delete.mode="
                  + config.getString(DELETE_MODE)
                  + " needs primarykey.mode=record_key (a tombstone's key names the row), not "
                  + config.getString(PrimaryKeyConfig.PRIMARY_KEY_MODE)));
    }
    return List.of();
  }
}
