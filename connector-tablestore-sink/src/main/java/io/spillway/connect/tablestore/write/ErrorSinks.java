package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.errors.ErrorTolerance;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** Picks a task's {@link ErrorSink} from runtime.error.mode and Connect's error settings. */
public final class ErrorSinks {
  private ErrorSinks() {}

  /**
   * ignore: Connect's dead letter queue when errors.tolerance=all and the worker has a reporter for
   * this connector (errors.deadletterqueue.topic.name set), else count and log only.
   */
  public static ErrorSink forTask(
      RuntimeErrorMode mode, ErrorTolerance connectTolerance, SinkTaskContext context) {
    return switch (mode) {
      case IGNORE -> {
        ErrantRecordReporter reporter =
            connectTolerance == ErrorTolerance.ALL ? reporter(context) : null;
        yield reporter == null ? new IgnoreErrorSink() : new DeadLetterQueueSink(reporter);
      }
      case KAFKA, TABLESTORE ->
          throw new ConnectException(
              "runtime.error.mode="
                  + mode.name().toLowerCase(java.util.Locale.ROOT)
                  + " is not available in this build yet: use runtime.error.mode=ignore with"
                  + " errors.tolerance=all and errors.deadletterqueue.topic.name");
    };
  }

  private static ErrantRecordReporter reporter(SinkTaskContext context) {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // a worker older than Kafka 2.6
    }
  }
}
