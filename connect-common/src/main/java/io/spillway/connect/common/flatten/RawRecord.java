package io.spillway.connect.common.flatten;

import io.spillway.connect.common.RecordPosition;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/** A record as a consumer reads it: raw key, value and header bytes. */
public record RawRecord(
    RecordPosition position,
    Long timestamp,
    TimestampType timestampType,
    byte[] key,
    byte[] value,
    Iterable<Header> headers) {

  public RawRecord {
    headers = headers == null ? List.of() : headers;
  }

  public static RawRecord of(ConsumerRecord<byte[], byte[]> record) {
    return new RawRecord(
        new RecordPosition(record.topic(), record.partition(), record.offset()),
        record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE ? null : record.timestamp(),
        record.timestampType(),
        record.key(),
        record.value(),
        record.headers());
  }
}
