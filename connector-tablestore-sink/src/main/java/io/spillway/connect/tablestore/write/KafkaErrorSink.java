package io.spillway.connect.tablestore.write;

import io.spillway.connect.common.sink.ErrantRecords;
import io.spillway.connect.common.sink.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * runtime.error.mode=kafka: the record, its key, value and headers as {@link ErrorReportFormat}
 * rebuilds them, its timestamp, plus an {@code ErrorInfo} header, to runtime.error.topic.name. Sent
 * with acks=all and idempotence; the report completes when the broker acknowledged it (the aliyun
 * connector only logs a failed send, and the record is lost). Retriable send errors (timeouts, no
 * leader, topic not yet there) are retried per max.retries; other errors (the record is too large
 * for the topic, not authorized) fail the report at once.
 */
public final class KafkaErrorSink implements ErrorSink {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final ErrorReportFormat format = new ErrorReportFormat();
  private final ReportRetries retries;

  public KafkaErrorSink(Producer<byte[], byte[]> producer, String topic, RetryPolicy policy) {
    this.producer = producer;
    this.topic = topic;
    this.retries =
        new ReportRetries(
            policy,
            error -> error instanceof RetriableException,
            describe(),
            "tablestore-sink-error-topic");
  }

  @Override
  public CompletableFuture<Void> report(SinkRecord record, Throwable error) {
    ProducerRecord<byte[], byte[]> report = toProducerRecord(record, error);
    return retries.run(ErrantRecords.position(record).describe(), () -> send(report));
  }

  ProducerRecord<byte[], byte[]> toProducerRecord(SinkRecord record, Throwable error) {
    Long timestamp =
        record.timestamp() == null || record.timestamp() < 0 ? null : record.timestamp();
    ProducerRecord<byte[], byte[]> report =
        new ProducerRecord<>(topic, null, timestamp, format.key(record), format.value(record));
    for (Header header : record.headers()) {
      report.headers().add(header.key(), format.header(record.topic(), header));
    }
    report
        .headers()
        .add(
            ErrorReportFormat.ERROR_INFO_HEADER,
            ErrorReportFormat.errorInfo(record, error).getBytes(StandardCharsets.UTF_8));
    return report;
  }

  private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> report) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    producer.send(
        report,
        (metadata, exception) -> {
          if (exception == null) {
            sent.complete(null);
          } else {
            sent.completeExceptionally(exception);
          }
        });
    return sent;
  }

  @Override
  public String describe() {
    return "error topic '" + topic + "'";
  }

  @Override
  public void close() {
    try {
      retries.close();
      producer.close(CLOSE_TIMEOUT);
    } finally {
      format.close();
    }
  }
}
