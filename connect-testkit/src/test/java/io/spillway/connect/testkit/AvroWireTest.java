package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class AvroWireTest {

  private static final Schema ORDER =
      SchemaBuilder.record("Order")
          .fields()
          .requiredLong("id")
          .requiredString("item")
          .optionalDouble("price")
          .endRecord();

  private static GenericRecord order() {
    GenericRecord record = new GenericData.Record(ORDER);
    record.put("id", 42L);
    record.put("item", "anchor");
    record.put("price", 9.5);
    return record;
  }

  @Test
  void roundTripsThroughGenericDatumReader() throws IOException {
    byte[] wire = AvroWire.encode(0x01020304, order());

    assertEquals(0, wire[0]);
    assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOfRange(wire, 1, 5));
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(wire, 5, wire.length - 5, null);
    GenericRecord decoded = new GenericDatumReader<GenericRecord>(ORDER).read(null, decoder);
    assertEquals(42L, decoded.get("id"));
    assertEquals("anchor", decoded.get("item").toString());
    assertEquals(9.5, decoded.get("price"));
    assertTrue(decoder.isEnd(), "no trailing bytes");
    assertEquals(order(), AvroWire.decode(wire, ORDER));
  }

  @Test
  void encodesPrimitiveDatum() throws IOException {
    Schema schema = Schema.create(Schema.Type.LONG);
    byte[] wire = AvroWire.encode(7, schema, 150L);
    assertEquals(7, ByteBuffer.wrap(wire, 1, 4).getInt());
    // Avro zig-zag varint of 150 is 0xAC 0x02.
    assertArrayEquals(new byte[] {(byte) 0xAC, 0x02}, AvroWire.payload(wire));
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(AvroWire.payload(wire), null);
    assertEquals(150L, decoder.readLong());
  }

  @Test
  void mutatorsCopyAndCorrupt() {
    byte[] wire = AvroWire.encode(5, order());
    byte[] original = wire.clone();

    assertEquals(1, AvroWire.withMagic(wire, (byte) 1)[0]);
    assertEquals(99, AvroWire.schemaId(AvroWire.withSchemaId(wire, 99)));
    assertEquals(3, AvroWire.truncate(wire, 3).length);
    assertEquals(wire.length - 2, AvroWire.dropLast(wire, 2).length);
    assertArrayEquals(original, wire, "mutators must not touch their input");
    assertArrayEquals(new byte[] {0, 0, 0, 0, 5}, AvroWire.header(5));
    assertThrows(IllegalArgumentException.class, () -> AvroWire.schemaId(new byte[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> AvroWire.truncate(wire, wire.length + 1));
    assertThrows(RuntimeException.class, () -> AvroWire.decode(AvroWire.dropLast(wire, 3), ORDER));
  }
}
