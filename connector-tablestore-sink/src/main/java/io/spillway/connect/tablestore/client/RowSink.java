package io.spillway.connect.tablestore.client;

import com.alicloud.openservices.tablestore.model.RowChange;

/**
 * Writes rows to Tablestore asynchronously. Each row's callback runs once, on a client thread,
 * after the row is durably written or has failed for good in this attempt. One per task: nothing is
 * shared between tasks.
 */
public interface RowSink extends AutoCloseable {

  /** Receives the outcome of one row. */
  interface Callback {
    void written();

    void failed(Exception error);
  }

  /**
   * Queues a row for its table (prepared on first use: described, created when auto.create).
   *
   * @throws InvalidRowException when the client refuses the row before sending it (size limits,
   *     primary key not matching the table)
   * @throws org.apache.kafka.connect.errors.RetriableException when the table cannot be described
   *     now
   */
  void write(RowChange row, Callback callback);

  /** Sends every queued row and waits until each callback has run. */
  void flush();

  @Override
  void close();
}
