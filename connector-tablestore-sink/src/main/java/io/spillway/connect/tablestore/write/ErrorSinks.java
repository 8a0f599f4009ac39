package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.errors.ErrorTolerance;
import io.spillway.connect.tablestore.TablestoreSinkConfig;
import io.spillway.connect.tablestore.client.TablestoreClient;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks a task's {@link ErrorSink}. runtime.error.mode=kafka or tablestore takes every record the
 * sink cannot write, even when Connect's dead letter queue is configured too (the worker still
 * sends records its converters or transforms cannot handle there). runtime.error.mode=ignore sends
 * them to Connect's dead letter queue when errors.tolerance=all and the worker has a reporter for
 * the connector (errors.deadletterqueue.topic.name set), else counts and logs them only.
 */
public final class ErrorSinks {
  private static final Logger log = LoggerFactory.getLogger(ErrorSinks.class);

  /** Connect's dead letter queue topic, as the connector config sets it. */
  static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";

  private ErrorSinks() {}

  public static ErrorSink forTask(
      TablestoreSinkConfig config, SinkTaskContext context, TablestoreClient client) {
    RuntimeErrorMode mode = config.runtimeErrorMode();
    if (config.errorTolerance() == ErrorTolerance.NONE && mode != RuntimeErrorMode.IGNORE) {
      log.info(
          "runtime.error.mode={} is not used: runtime.error.tolerance and errors.tolerance are"
              + " none, so a record that cannot be written fails the task",
          mode.name().toLowerCase(Locale.ROOT));
      return new IgnoreErrorSink();
    }
    String dlq = config.originalsStrings().getOrDefault(DLQ_TOPIC, "");
    if (mode != RuntimeErrorMode.IGNORE && !dlq.isBlank()) {
      log.info(
          "Records the sink cannot write go to runtime.error.mode={}; Connect's dead letter queue"
              + " '{}' still takes the records the worker cannot convert or transform",
          mode.name().toLowerCase(Locale.ROOT),
          dlq);
    }
    return switch (mode) {
      case IGNORE -> {
        ErrantRecordReporter reporter =
            config.connectErrorTolerance() == ErrorTolerance.ALL ? reporter(context) : null;
        yield reporter == null ? new IgnoreErrorSink() : new DeadLetterQueueSink(reporter);
      }
      case KAFKA -> kafka(config, context);
      case TABLESTORE ->
          new TablestoreErrorSink(
              client.async(),
              config.getString(ErrorConfig.TABLE_NAME),
              config.autoCreate(),
              config.retryPolicy());
    };
  }

  private static ErrorSink kafka(TablestoreSinkConfig config, SinkTaskContext context) {
    String clientId =
        "spillway-tablestore-errors-" + config.originalsStrings().getOrDefault("name", "sink");
    try {
      return new KafkaErrorSink(
          new KafkaProducer<>(ErrorProducer.properties(config, clientId)),
          config.getString(ErrorConfig.TOPIC_NAME),
          config.retryPolicy());
    } catch (KafkaException e) {
      // Validation checks the settings; what is left is what only the client sees (a host name
      // that does not resolve, a keystore that cannot be read).
      throw new ConfigException(
          ErrorConfig.BOOTSTRAP_SERVERS,
          config.getString(ErrorConfig.BOOTSTRAP_SERVERS),
          "cannot create the error producer: " + e.getMessage());
    }
  }

  private static ErrantRecordReporter reporter(SinkTaskContext context) {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // a worker older than Kafka 2.6
    }
  }
}
