package io.spillway.connect.tablestore.timeseries;

import com.alicloud.openservices.tablestore.AsyncTimeseriesClient;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.timeseries.PutTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.PutTimeseriesDataResponse;
import com.alicloud.openservices.tablestore.model.timeseries.PutTimeseriesDataResponse.FailedRowResult;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.spillway.connect.tablestore.client.InvalidRowException;
import io.spillway.connect.tablestore.client.RowSink.Callback;
import io.spillway.connect.tablestore.client.TimeseriesTableAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes points with PutTimeseriesData: per table a batch of up to rowsPerBatch points, sent when
 * full, every flush interval, and on {@link #flush}; at most max.concurrency requests in flight.
 * Each point's callback runs once: written, or failed with its row's error (a per-row failure of
 * the reply) or the request's error. One per task.
 */
public final class PointSink implements AutoCloseable {
  /** Longer than the client's socket timeout: every request is answered or failed by then. */
  private static final Duration CALLBACK_WAIT = Duration.ofSeconds(90);

  private record Point(TimeseriesRow row, Callback callback) {}

  private final AsyncTimeseriesClient client;
  private final TimeseriesTableAdmin admin;
  private final int rowsPerBatch;
  private final Semaphore slots;
  private final ScheduledExecutorService timer;
  private final Map<String, List<Point>> batches = new HashMap<>();
  private final Set<String> prepared = new HashSet<>();
  private final Object idle = new Object();
  private int inFlight; // guarded by idle

  public PointSink(
      AsyncTimeseriesClient client,
      TimeseriesTableAdmin admin,
      int rowsPerBatch,
      int concurrency,
      int flushIntervalMs) {
    this.client = client;
    this.admin = admin;
    this.rowsPerBatch = rowsPerBatch;
    this.slots = new Semaphore(concurrency);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "tablestore-sink-timeseries-flush");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        this::sendAll, flushIntervalMs, flushIntervalMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Queues a point of {@code table} (described first, created when auto.create).
   *
   * @throws org.apache.kafka.connect.errors.RetriableException when the table cannot be described
   *     now
   */
  public synchronized void write(String table, TimeseriesRow row, Callback callback) {
    if (!prepared.contains(table)) {
      admin.prepare(table);
      prepared.add(table);
    }
    List<Point> batch = batches.computeIfAbsent(table, t -> new ArrayList<>(rowsPerBatch));
    batch.add(new Point(row, callback));
    if (batch.size() >= rowsPerBatch) {
      batches.remove(table);
      send(table, batch);
    }
  }

  private synchronized void sendAll() {
    batches.forEach(this::send);
    batches.clear();
  }

  private void send(String table, List<Point> batch) {
    PutTimeseriesDataRequest request = new PutTimeseriesDataRequest(table);
    batch.forEach(point -> request.addRow(point.row()));
    slots.acquireUninterruptibly();
    started();
    try {
      client.putTimeseriesData(request, new Replies(batch));
    } catch (RuntimeException e) {
      finished();
      refused(table, batch, e);
    }
  }

  /**
   * The client refused the request before sending it: each point alone, so only a point the client
   * refuses by itself fails (for good: sending it again cannot help).
   */
  private void refused(String table, List<Point> batch, RuntimeException error) {
    if (batch.size() > 1) {
      batch.forEach(point -> send(table, List.of(point)));
    } else {
      batch.get(0).callback().failed(new InvalidRowException(error.toString(), null));
    }
  }

  private final class Replies
      implements TableStoreCallback<PutTimeseriesDataRequest, PutTimeseriesDataResponse> {
    private final List<Point> batch;

    Replies(List<Point> batch) {
      this.batch = batch;
    }

    @Override
    public void onCompleted(PutTimeseriesDataRequest request, PutTimeseriesDataResponse reply) {
      try {
        Map<Integer, Exception> failed = new HashMap<>();
        for (FailedRowResult row : reply.getFailedRows()) {
          failed.put(
              row.getIndex(),
              new TableStoreException(
                  row.getError().getMessage(),
                  null,
                  row.getError().getCode(),
                  reply.getRequestId(),
                  200));
        }
        for (int i = 0; i < batch.size(); i++) {
          Exception error = failed.get(i);
          if (error == null) {
            batch.get(i).callback().written();
          } else {
            batch.get(i).callback().failed(error);
          }
        }
      } finally {
        finished();
      }
    }

    @Override
    public void onFailed(PutTimeseriesDataRequest request, Exception error) {
      try {
        batch.forEach(point -> point.callback().failed(error));
      } finally {
        finished();
      }
    }
  }

  private void started() {
    synchronized (idle) {
      inFlight++;
    }
  }

  private void finished() {
    slots.release();
    synchronized (idle) {
      inFlight--;
      idle.notifyAll();
    }
  }

  /** Sends every open batch and waits until each point's callback has run. */
  public void flush() {
    sendAll();
    long deadline = System.nanoTime() + CALLBACK_WAIT.toNanos();
    synchronized (idle) {
      while (inFlight > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return; // the points stay unacknowledged: their offsets are not committed
        }
        try {
          idle.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Stops the timer; open batches are dropped unsent (never acknowledged, so redelivered). */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
