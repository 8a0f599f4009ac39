package io.spillway.connect.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Builds Confluent wire-format Avro payloads without Confluent's serializers (not on our package
 * registries): byte 0 = magic 0, bytes 1-4 = schema id (big endian), then the Avro binary datum.
 *
 * <p>The mutators ({@link #withMagic}, {@link #withSchemaId}, {@link #truncate}) return copies, so
 * one good payload can seed many bad-input cases.
 */
public final class AvroWire {

  /** The only magic byte Confluent's format defines. */
  public static final byte MAGIC = 0;

  /** Magic byte + 4-byte schema id. */
  public static final int HEADER_LENGTH = 5;

  private AvroWire() {}

  /** Encodes a record (or any {@link GenericContainer}) with its own schema. */
  public static byte[] encode(int schemaId, GenericContainer datum) {
    return encode(schemaId, datum.getSchema(), datum);
  }

  /**
   * Encodes any datum GenericDatumWriter accepts for {@code schema}: GenericRecord, Utf8/String,
   * Long, ByteBuffer, Map, List, null for a null branch, ...
   */
  public static byte[] encode(int schemaId, Schema schema, Object datum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(schemaId));
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new GenericDatumWriter<Object>(schema).write(datum, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Just the 5 header bytes: magic 0 and {@code schemaId}, big endian. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).putInt(schemaId).array();
  }

  /** The schema id in bytes 1-4 of {@code wire}. */
  public static int schemaId(byte[] wire) {
    requireHeader(wire);
    return ByteBuffer.wrap(wire, 1, 4).getInt();
  }

  /** The Avro binary after the 5-byte header. */
  public static byte[] payload(byte[] wire) {
    requireHeader(wire);
    return Arrays.copyOfRange(wire, HEADER_LENGTH, wire.length);
  }

  /**
   * Decodes {@code wire} with {@code schema} as writer and reader schema; for convenience in tests
   * that check what a connector produced. Ignores the magic byte and the schema id.
   */
  public static Object decode(byte[] wire, Schema schema) {
    requireHeader(wire);
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(wire, HEADER_LENGTH, wire.length - HEADER_LENGTH, null);
    try {
      return new GenericDatumReader<Object>(schema).read(null, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of {@code wire} with byte 0 replaced, e.g. to test "unknown magic byte" handling. */
  public static byte[] withMagic(byte[] wire, byte magic) {
    requireHeader(wire);
    byte[] copy = wire.clone();
    copy[0] = magic;
    return copy;
  }

  /** A copy of {@code wire} pointing at another schema id, e.g. an unregistered one. */
  public static byte[] withSchemaId(byte[] wire, int schemaId) {
    requireHeader(wire);
    byte[] copy = wire.clone();
    ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
    return copy;
  }

  /** The first {@code length} bytes of {@code wire}: a short header or a cut-off Avro datum. */
  public static byte[] truncate(byte[] wire, int length) {
    if (length < 0 || length > wire.length) {
      throw new IllegalArgumentException(
          "length " + length + " outside 0.." + wire.length + " of the payload");
    }
    return Arrays.copyOf(wire, length);
  }

  /** {@code wire} without its last {@code count} bytes. */
  public static byte[] dropLast(byte[] wire, int count) {
    return truncate(wire, wire.length - count);
  }

  private static void requireHeader(byte[] wire) {
    if (wire.length < HEADER_LENGTH) {
      throw new IllegalArgumentException(
          "Confluent wire payload needs at least 5 bytes, got " + wire.length);
    }
  }
}
