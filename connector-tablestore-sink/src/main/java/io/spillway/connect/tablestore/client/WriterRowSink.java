package io.spillway.connect.tablestore.client;

import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.DefaultTableStoreWriter;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.ConsumedCapacity;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.writer.WriterConfig;
import com.alicloud.openservices.tablestore.writer.enums.BatchRequestType;
import com.alicloud.openservices.tablestore.writer.enums.DispatchMode;
import com.alicloud.openservices.tablestore.writer.enums.WriteMode;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * {@link RowSink} over the SDK's {@link DefaultTableStoreWriter}: one writer per table, all on the
 * task's own client and callback pool. The writer batches rows into BatchWriteRow requests per
 * bucket and reports each row through one callback, matched to the row's own {@link Callback}.
 */
public final class WriterRowSink implements RowSink {
  private static final Duration CALLBACK_WAIT = Duration.ofSeconds(30);

  private final TablestoreClient client;
  private final TableAdmin admin;
  private final WriterConfig writerConfig;
  private final Function<String, List<PrimaryKeySchema>> keyOf;
  private final ExecutorService callbacks;
  private final Map<String, DefaultTableStoreWriter> writers = new HashMap<>();
  private final Map<RowChange, Callback> pending =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * @param keyOf the primary key the sink writes to a table, to create or check it
   */
  public WriterRowSink(
      TablestoreClient client,
      WriterSettings settings,
      boolean autoCreate,
      Function<String, List<PrimaryKeySchema>> keyOf) {
    this.client = client;
    this.admin = new TableAdmin(client.async(), autoCreate);
    this.writerConfig = writerConfig(settings);
    this.keyOf = keyOf;
    this.callbacks = callbackPool(settings.callbackThreads());
  }

  /** The aliyun connector's mapping of its keys onto the SDK writer's settings. */
  static WriterConfig writerConfig(WriterSettings settings) {
    WriterConfig config = new WriterConfig();
    config.setBufferSize(settings.bufferSize());
    config.setCallbackThreadCount(settings.callbackThreads());
    config.setConcurrency(settings.concurrency());
    config.setBucketCount(settings.bucketCount());
    config.setFlushInterval(settings.flushIntervalMs());
    // BatchWriteRow (the SDK's default): every row of a request is answered on its own, so one
    // bad row fails alone.
    config.setBatchRequestType(BatchRequestType.BATCH_WRITE_ROW);
    if (settings.ordered()) {
      config.setWriteMode(WriteMode.SEQUENTIAL);
      config.setDispatchMode(DispatchMode.HASH_PRIMARY_KEY);
    } else {
      config.setWriteMode(WriteMode.PARALLEL);
      config.setDispatchMode(DispatchMode.ROUND_ROBIN);
    }
    return config;
  }

  private static ExecutorService callbackPool(int threads) {
    AtomicInteger counter = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0L,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread thread = new Thread(r, "tablestore-sink-callback-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public void write(RowChange row, Callback callback) {
    DefaultTableStoreWriter writer = writerFor(row.getTableName());
    pending.put(row, callback);
    try {
      writer.addRowChange(row);
    } catch (ClientException e) {
      // The writer's schema check refused the row (size limits, key not matching the table).
      pending.remove(row);
      throw new InvalidRowException(e.getMessage(), e);
    }
  }

  private DefaultTableStoreWriter writerFor(String table) {
    DefaultTableStoreWriter writer = writers.get(table);
    if (writer == null) {
      admin.prepare(table, keyOf.apply(table));
      writer = openWriter(table);
      writers.put(table, writer);
    }
    return writer;
  }

  // The SDK writer describes the table when it opens: a lost connection or a busy server there is
  // a retriable failure of this put, not a raw SDK exception that would kill the task.
  private DefaultTableStoreWriter openWriter(String table) {
    try {
      return new DefaultTableStoreWriter(
          client.async(), table, writerConfig, new RowCallbacks(), callbacks);
    } catch (ClientException | TableStoreException e) {
      String message =
          "Cannot open the Tablestore writer of table '"
              + table
              + "': "
              + TablestoreErrors.describe(e);
      if (TablestoreErrors.isRetriable(e)) {
        throw new RetriableException(message, e);
      }
      throw new ConnectException(message, e);
    }
  }

  /** Routes the writer's per-row outcome to the row's own callback. */
  private final class RowCallbacks implements TableStoreCallback<RowChange, ConsumedCapacity> {
    @Override
    public void onCompleted(RowChange row, ConsumedCapacity capacity) {
      Callback callback = pending.get(row);
      if (callback != null) {
        try {
          callback.written();
        } finally {
          pending.remove(row); // only now: flush() waits until the row's callback has run
        }
      }
    }

    @Override
    public void onFailed(RowChange row, Exception error) {
      Callback callback = pending.get(row);
      if (callback != null) {
        try {
          callback.failed(error);
        } finally {
          pending.remove(row);
        }
      }
    }
  }

  @Override
  public void flush() {
    for (DefaultTableStoreWriter writer : writers.values()) {
      writer.flush();
    }
    // The writer's flush returns once its requests are answered; the callbacks run on the pool.
    long deadline = System.nanoTime() + CALLBACK_WAIT.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Rows handed over whose callback has not run yet. */
  public int outstanding() {
    return pending.size();
  }

  @Override
  public void close() {
    try {
      for (DefaultTableStoreWriter writer : writers.values()) {
        writer.close();
      }
    } finally {
      writers.clear();
      callbacks.shutdown();
    }
  }
}
