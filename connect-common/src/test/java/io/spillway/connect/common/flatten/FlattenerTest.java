package io.spillway.connect.common.flatten;

import static io.spillway.connect.common.flatten.Inputs.bytes;
import static io.spillway.connect.common.flatten.Inputs.flattener;
import static io.spillway.connect.common.flatten.Inputs.header;
import static io.spillway.connect.common.flatten.Inputs.names;
import static io.spillway.connect.common.flatten.Inputs.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.RecordPosition;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class FlattenerTest {
  private static final byte[] INVALID_UTF8 = {(byte) 0xc3, (byte) 0x28, (byte) 0xff};

  @Test
  void packedJsonRowHasTheDesignColumns() {
    FlatRecord row =
        flattener()
            .flatten(
                raw("orders", 3, 42, bytes("k1"), bytes("{\"id\": 1}"), List.of(header("h", "v"))));
    assertEquals(
        List.of("partition", "offset", "timestamp", "timestamp_type", "key", "headers", "value"),
        names(row));
    assertEquals(3, row.get("partition"));
    assertEquals(42L, row.get("offset"));
    assertEquals(new Date(Inputs.TIMESTAMP), row.get("timestamp"));
    assertEquals("CreateTime", row.get("timestamp_type"));
    assertEquals("k1", row.get("key"));
    assertEquals("{\"h\":\"v\"}", row.get("headers"));
    assertEquals("{\"id\": 1}", row.get("value"));
    assertFalse(row.isTombstone());
    assertNull(row.error());
  }

  @Test
  void logAppendTimeAndMissingTimestamp() {
    RawRecord logAppend =
        new RawRecord(
            new RecordPosition("t", 0, 0),
            5L,
            TimestampType.LOG_APPEND_TIME,
            null,
            bytes("1"),
            List.of());
    assertEquals("LogAppendTime", flattener().flatten(logAppend).get("timestamp_type"));
    RawRecord none =
        new RawRecord(
            new RecordPosition("t", 0, 1),
            null,
            TimestampType.NO_TIMESTAMP_TYPE,
            null,
            bytes("1"),
            null);
    FlatRecord row = flattener().flatten(none);
    assertNull(row.get("timestamp"));
    assertNull(row.get("timestamp_type"));
    assertNull(row.get("key"));
    assertNull(row.get("headers"));
  }

  @Test
  void unpackedJsonInfersScalarTypesAndKeepsNestedAsJsonText() {
    String json =
        "{\"b\":true,\"i\":-7,\"f\":2.5,\"s\":\"text\",\"n\":null,"
            + "\"o\":{\"x\":[1,2],\"y\":\"z\"},\"a\":[{\"k\":1}],"
            + "\"big\":123456789012345678901234567890}";
    FlatRecord row = flattener("flatten.mode", "unpacked").flatten(raw("t", 0, 0, "k", json));
    assertEquals(Boolean.TRUE, row.get("value_b"));
    assertEquals(-7L, row.get("value_i"));
    assertEquals(2.5, row.get("value_f"));
    assertEquals("text", row.get("value_s"));
    assertNull(row.get("value_n"));
    assertNull(row.column("value_n").schema());
    assertEquals("{\"x\":[1,2],\"y\":\"z\"}", row.get("value_o"));
    assertEquals("[{\"k\":1}]", row.get("value_a"));
    assertEquals(new java.math.BigDecimal("123456789012345678901234567890"), row.get("value_big"));
    assertSame(Schema.OPTIONAL_BOOLEAN_SCHEMA, row.column("value_b").schema());
    assertSame(Schema.OPTIONAL_INT64_SCHEMA, row.column("value_i").schema());
    assertSame(Schema.OPTIONAL_FLOAT64_SCHEMA, row.column("value_f").schema());
    assertSame(Schema.OPTIONAL_STRING_SCHEMA, row.column("value_o").schema());
  }

  @Test
  void duplicateJsonFieldKeepsTheLastValue() {
    FlatRecord row =
        flattener("flatten.mode", "unpacked").flatten(raw("t", 0, 0, "k", "{\"a\":1,\"a\":2}"));
    assertEquals(2L, row.get("value_a"));
    assertEquals(1, names(row).stream().filter("value_a"::equals).count());
  }

  @Test
  void jsonThatIsNotAnObjectStaysPacked() {
    FlatRecord row = flattener("flatten.mode", "unpacked").flatten(raw("t", 0, 0, "k", "[1,2]"));
    assertEquals("[1,2]", row.get("value"));
  }

  @Test
  void textValues() {
    FlatRecord row =
        flattener("flatten.message.type", "text").flatten(raw("t", 0, 0, "k", "not json {"));
    assertEquals("not json {", row.get("value"));
  }

  @Test
  void headersWithRepeatsInvalidUtf8AndNulls() {
    List<Header> headers =
        List.of(
            header("a", "1"),
            header("a", "2"),
            new RecordHeader("bin", INVALID_UTF8),
            new RecordHeader("nil", (byte[]) null),
            header("ü", "ünïcode"));
    FlatRecord row = flattener().flatten(raw("t", 0, 0, bytes("k"), bytes("1"), headers));
    String base64 = Base64.getEncoder().encodeToString(INVALID_UTF8);
    assertEquals(
        "{\"a_0\":\"1\",\"a_1\":\"2\",\"bin\":\"" + base64 + "\",\"nil\":null,\"ü\":\"ünïcode\"}",
        row.get("headers"));
  }

  @Test
  void keyThatIsNotUtf8IsBase64() {
    FlatRecord row = flattener().flatten(raw("t", 0, 0, INVALID_UTF8, bytes("1"), List.of()));
    assertEquals(Base64.getEncoder().encodeToString(INVALID_UTF8), row.get("key"));
  }

  @Test
  void tombstoneIsStillARow() {
    FlatRecord packed = flattener().flatten(raw("t", 1, 9, bytes("k"), null, List.of()));
    assertTrue(packed.isTombstone());
    assertEquals(9L, packed.get("offset"));
    assertEquals("k", packed.get("key"));
    assertTrue(names(packed).contains("value"));
    assertNull(packed.get("value"));

    FlatRecord unpacked =
        flattener("flatten.mode", "unpacked").flatten(raw("t", 1, 10, bytes("k"), null, List.of()));
    assertTrue(unpacked.isTombstone());
    assertFalse(names(unpacked).stream().anyMatch(n -> n.startsWith("value")));
  }

  @Test
  void malformedJsonFailsNamingTopicPartitionAndOffset() {
    for (String mode : List.of("packed", "unpacked")) {
      DataException e =
          assertThrows(
              DataException.class,
              () -> flattener("flatten.mode", mode).flatten(raw("orders", 2, 77, "k", "{\"a\":")));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "Cannot flatten value of record at topic 'orders', partition 2, offset 77: malformed JSON"),
          e.getMessage());
    }
  }

  @Test
  void invalidUtf8InsideJsonStringsIsMalformedNotReplaced() {
    byte[] overlongNul = {(byte) 0xc0, (byte) 0x80}; // Jackson skips it; it is not UTF-8
    byte[] object = concat(bytes("{\"a\":\""), overlongNul, bytes("\"}"));
    byte[] array = concat(bytes("[\""), overlongNul, bytes("\"]"));
    for (String mode : List.of("packed", "unpacked")) {
      for (byte[] json : List.of(object, array)) {
        DataException e =
            assertThrows(
                DataException.class,
                () ->
                    flattener("flatten.mode", mode)
                        .flatten(raw("orders", 1, 9, bytes("k"), json, List.of())));
        assertTrue(e.getMessage().contains("offset 9: malformed JSON"), e.getMessage());
      }
    }
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void trailingGarbageAndEmptyJsonAreMalformed() {
    assertThrows(DataException.class, () -> flattener().flatten(raw("t", 0, 0, "k", "{} x")));
    assertThrows(DataException.class, () -> flattener().flatten(raw("t", 0, 0, "k", "")));
    assertThrows(
        DataException.class,
        () -> flattener("flatten.mode", "unpacked").flatten(raw("t", 0, 0, "k", "{\"a\":1} 2")));
  }

  @Test
  void malformedJsonUnderToleranceAllIsKeptWithAnErrorColumn() {
    FlatRecord row =
        flattener("flatten.mode", "unpacked", "flatten.errors.tolerance", "all")
            .flatten(raw("orders", 2, 77, bytes("k"), bytes("{\"a\":"), List.of(header("h", "v"))));
    assertEquals(
        List.of(
            "partition",
            "offset",
            "timestamp",
            "timestamp_type",
            "key",
            "headers",
            "value",
            "_error"),
        names(row));
    assertEquals("{\"a\":", row.get("value"));
    assertEquals("k", row.get("key"));
    assertEquals("{\"h\":\"v\"}", row.get("headers"));
    assertTrue(((String) row.get("_error")).startsWith("value: malformed JSON"), row.error());
    assertEquals(row.get("_error"), row.error());
  }

  @Test
  void invalidUtf8TextFailsOrIsKeptAsBase64() {
    DataException e =
        assertThrows(
            DataException.class,
            () ->
                flattener("flatten.message.type", "text")
                    .flatten(raw("t", 0, 5, bytes("k"), INVALID_UTF8, List.of())));
    assertTrue(e.getMessage().contains("offset 5: value is not valid UTF-8 text"), e.getMessage());

    FlatRecord kept =
        flattener("flatten.message.type", "text", "flatten.errors.tolerance", "all")
            .flatten(raw("t", 0, 5, bytes("k"), INVALID_UTF8, List.of()));
    assertEquals(Base64.getEncoder().encodeToString(INVALID_UTF8), kept.get("value"));
    assertEquals("value: value is not valid UTF-8 text", kept.get("_error"));
  }

  @Test
  void invalidUtf8InsideJsonIsMalformed() {
    byte[] json = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
    assertThrows(
        DataException.class,
        () ->
            flattener("flatten.mode", "unpacked")
                .flatten(raw("t", 0, 0, bytes("k"), json, List.of())));
  }
}
