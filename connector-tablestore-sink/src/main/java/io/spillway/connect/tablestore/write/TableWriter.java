package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.sink.AckedOffsets.Pending;
import io.spillway.connect.common.sink.RejectedRecordException;

/**
 * Writes records into one kind of table, chosen by tablestore.mode: {@link WideColumnWriter} for
 * data tables, a time series writer for time series tables. The task tracks each record in {@link
 * io.spillway.connect.common.sink.AckedOffsets} and hands it here; the writer settles it from its
 * client's callback ({@link Pending#ack} once durably written, {@link Pending#fail} with the
 * client's error otherwise). The task decides what a failure means (retry or error policy).
 */
public interface TableWriter extends AutoCloseable {

  /**
   * Hands a tracked record to the client; the client settles {@code pending} later.
   *
   * @throws RejectedRecordException when the record can never be written (it cannot be mapped, or
   *     the client refuses its row before sending): the task sends it to the error policy
   * @throws org.apache.kafka.connect.errors.RetriableException when the destination cannot be
   *     reached now (e.g. describing the table failed); the record is not handed over
   */
  void write(Pending pending);

  /** Sends everything buffered and returns once every handed record has been settled. */
  void flush();

  @Override
  void close();
}
