package io.spillway.connect.common.avro;

import io.spillway.connect.common.errors.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads the Confluent wire format: byte 0 = magic 0, bytes 1–4 = schema id (big endian), then the
 * Avro binary datum written with that schema. Not thread-safe: reuses one binary decoder.
 */
public final class ConfluentAvroDecoder {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_LENGTH = 5;

  private final SchemaRegistryClient registry;
  private final Map<Schema, GenericDatumReader<Object>> readers = new HashMap<>();
  private BinaryDecoder decoder;

  public ConfluentAvroDecoder(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  /** A decoded datum with the writer schema it was read with. */
  public record AvroDatum(int schemaId, Schema schema, Object value) {}

  public AvroDatum decode(byte[] bytes) {
    int schemaId = schemaId(bytes);
    Schema schema = registry.schemaById(schemaId);
    GenericDatumReader<Object> reader =
        readers.computeIfAbsent(schema, s -> new GenericDatumReader<>(s, s));
    decoder =
        DecoderFactory.get()
            .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, decoder);
    Object value;
    try {
      value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new BadInputException(
            "corrupt Avro: bytes left over after the datum of schema id " + schemaId);
      }
    } catch (EOFException e) {
      throw new BadInputException(
          "truncated Avro: input ended inside the datum of schema id " + schemaId, e);
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      throw new BadInputException("corrupt Avro for schema id " + schemaId + ": " + e, e);
    }
    return new AvroDatum(schemaId, schema, value);
  }

  /** The schema id of Confluent-wire bytes; bad input when the header is absent or wrong. */
  public static int schemaId(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      throw new BadInputException(
          "not Confluent Avro: " + bytes.length + " bytes, shorter than the 5-byte wire header");
    }
    if (bytes[0] != MAGIC_BYTE) {
      throw new BadInputException(
          String.format(
              "not Confluent Avro: magic byte is 0x%02x, expected 0x00", bytes[0] & 0xff));
    }
    return ((bytes[1] & 0xff) << 24)
        | ((bytes[2] & 0xff) << 16)
        | ((bytes[3] & 0xff) << 8)
        | (bytes[4] & 0xff);
  }
}
