package io.spillway.connect.tablestore.write;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * runtime.error.mode=ignore without a dead letter queue: the record is dropped. Never silently:
 * {@link ErrorPolicy} counts and logs every record before it gets here.
 */
public final class IgnoreErrorSink implements ErrorSink {
  @Override
  public CompletableFuture<Void> report(SinkRecord record, Throwable error) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public String describe() {
    return "ignore (counted and logged)";
  }
}
