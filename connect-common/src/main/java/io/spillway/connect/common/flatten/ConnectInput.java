package io.spillway.connect.common.flatten;

import io.spillway.connect.common.RecordPosition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record as a sink receives it from its converters: Connect keys, values and headers. */
public record ConnectInput(
    RecordPosition position,
    Long timestamp,
    TimestampType timestampType,
    Schema keySchema,
    Object key,
    Schema valueSchema,
    Object value,
    Headers headers) {

  public ConnectInput {
    headers = headers == null ? new ConnectHeaders() : headers;
  }

  /**
   * The input of a sink record, at its original Kafka coordinates (earlier transforms may have
   * renamed the topic or changed the partition; the row must still name where it came from).
   */
  public static ConnectInput of(SinkRecord record) {
    Integer partition = record.originalKafkaPartition();
    return new ConnectInput(
        new RecordPosition(
            record.originalTopic(),
            partition == null ? -1 : partition,
            record.originalKafkaOffset()),
        record.timestamp(),
        record.timestampType(),
        record.keySchema(),
        record.key(),
        record.valueSchema(),
        record.value(),
        record.headers());
  }
}
