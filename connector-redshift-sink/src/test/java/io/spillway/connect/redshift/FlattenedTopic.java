package io.spillway.connect.redshift;

import io.spillway.connect.common.RecordPosition;
import io.spillway.connect.common.flatten.ConnectInput;
import io.spillway.connect.common.flatten.FlatRecord;
import io.spillway.connect.common.flatten.FlatRows;
import io.spillway.connect.common.flatten.FlattenConfig;
import io.spillway.connect.common.flatten.Flattener;
import io.spillway.connect.common.flatten.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What the Kafka source connector or the Flatten transform hands a sink for the records of one
 * topic partition: the same Flattener and row schemas they use. A new instance is a restarted task.
 */
final class FlattenedTopic {
  private final String topic;
  private final Flattener flattener;
  private final FlatRows rows = new FlatRows();

  FlattenedTopic(String topic, String mode) {
    this.topic = topic;
    this.flattener = new Flattener(new FlattenConfig(Map.of("flatten.mode", mode)));
  }

  /** The flattened row of a JSON message read from the source cluster at this offset. */
  SinkRecord json(long offset, String json) {
    RawRecord raw =
        new RawRecord(
            new RecordPosition(topic, 0, offset),
            1_700_000_000_000L + offset,
            TimestampType.CREATE_TIME,
            null,
            json.getBytes(StandardCharsets.UTF_8),
            List.of());
    return sinkRecord(offset, flattener.flatten(raw));
  }

  /** The flattened row of a record a converter (say Avro's) made of this schema and value. */
  SinkRecord converted(long offset, Schema schema, Object value) {
    SinkRecord input = new SinkRecord(topic, 0, null, null, schema, value, offset);
    return sinkRecord(offset, flattener.flatten(ConnectInput.of(input)));
  }

  private SinkRecord sinkRecord(long offset, FlatRecord flat) {
    SchemaAndValue row = rows.toConnect(flat);
    return new SinkRecord(topic, 0, null, null, row.schema(), row.value(), offset);
  }
}
