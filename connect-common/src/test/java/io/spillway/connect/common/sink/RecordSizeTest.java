package io.spillway.connect.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordSizeTest {
  @Test
  void stringsAndBytesCountByLengthWhereverTheyAreNested() {
    Schema schema =
        SchemaBuilder.struct()
            .field("text", Schema.STRING_SCHEMA)
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();
    Struct struct = new Struct(schema).put("text", "x".repeat(1000)).put("blob", new byte[500]);
    assertEquals(1000 + 500 + 2 * 8, RecordSize.of(struct));
    assertEquals(3 + 8 + 200, RecordSize.of(Map.of("key", List.of("y".repeat(200)))));
  }

  @Test
  void aRecordCountsKeyValueAndHeaders() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("source", "web");
    SinkRecord record =
        new SinkRecord("t", 0, null, "key", null, "v".repeat(256 * 1024), 0, 0L, null, headers);
    assertEquals(
        RecordSize.RECORD_OVERHEAD + 3 + 256 * 1024 + "source".length() + 3,
        RecordSize.estimate(record));
  }
}
