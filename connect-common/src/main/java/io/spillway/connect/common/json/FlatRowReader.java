package io.spillway.connect.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.spillway.connect.common.data.FineTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads {"schema":...,"payload":{...}} messages of flat rows with a streaming parser. The Connect
 * schema is looked up by the bytes of the schema part (learnt from JsonConverter's own reading of
 * the first message that carried them); the payload is read field by field against it. Returns null
 * whenever the message is anything but the plain case, so the caller asks JsonConverter.
 */
final class FlatRowReader {
  private static final int CACHE_SIZE = 64;

  private final JsonFactory factory;
  private final Map<ByteBuffer, Schema> schemas = new HashMap<>();
  // The bytes before the payload of the last message read whole, and their schema.
  private byte[] lastHead;
  private Schema lastSchema;

  FlatRowReader(JsonFactory factory) {
    this.factory = factory;
  }

  static boolean isFlat(Schema schema) {
    if (schema == null || schema.type() != Schema.Type.STRUCT || schema.defaultValue() != null) {
      return false;
    }
    for (Field field : schema.fields()) {
      Schema fieldSchema = field.schema();
      boolean primitive =
          fieldSchema.type().isPrimitive() && fieldSchema.type() != Schema.Type.BYTES;
      boolean logical = fieldSchema.name() != null;
      if (!primitive
          || fieldSchema.defaultValue() != null
          || (logical
              && !FlatRowJsonConverter.isTimestamp(fieldSchema)
              && FineTime.of(fieldSchema) == null)) {
        return false;
      }
    }
    return true;
  }

  /** Remembers the Connect schema JsonConverter read from a message with this schema part. */
  void learn(byte[] message, Schema schema) {
    if (!isFlat(schema)) {
      return;
    }
    ByteBuffer key = schemaPart(message);
    if (key != null) {
      if (schemas.size() >= CACHE_SIZE) {
        schemas.clear();
      }
      schemas.put(copy(key), schema);
    }
  }

  SchemaAndValue read(byte[] message) {
    SchemaAndValue known = readAfterKnownHead(message);
    return known != null ? known : readWhole(message);
  }

  /**
   * The common case without parsing the schema part: the message starts with exactly the bytes of
   * the last message read up to its payload ({"schema":{...},"payload":), so it has the same
   * schema, and ends with the envelope's closing brace. Null for anything else.
   */
  private SchemaAndValue readAfterKnownHead(byte[] message) {
    byte[] head = lastHead;
    if (head == null
        || message.length <= head.length
        || message[message.length - 1] != '}'
        || !Arrays.equals(message, 0, head.length, head, 0, head.length)) {
      return null;
    }
    int payloadLength = message.length - 1 - head.length;
    try (JsonParser parser = factory.createParser(message, head.length, payloadLength)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Struct struct = payload(parser, lastSchema);
      return struct != null && parser.nextToken() == null
          ? new SchemaAndValue(lastSchema, struct)
          : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private SchemaAndValue readWhole(byte[] message) {
    try (JsonParser parser = factory.createParser(message)) {
      if (parser.nextToken() != JsonToken.START_OBJECT
          || parser.nextToken() != JsonToken.FIELD_NAME
          || !"schema".equals(parser.currentName())
          || parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      int start = (int) parser.currentTokenLocation().getByteOffset();
      parser.skipChildren();
      int end = (int) parser.currentLocation().getByteOffset();
      Schema schema = schemas.get(ByteBuffer.wrap(message, start, end - start));
      if (schema == null
          || parser.nextToken() != JsonToken.FIELD_NAME
          || !"payload".equals(parser.currentName())
          || parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      int payloadStart = (int) parser.currentTokenLocation().getByteOffset();
      Struct struct = payload(parser, schema);
      if (struct == null
          || parser.nextToken() != JsonToken.END_OBJECT
          || parser.nextToken() != null) {
        return null;
      }
      lastHead = Arrays.copyOf(message, payloadStart);
      lastSchema = schema;
      return new SchemaAndValue(schema, struct);
    } catch (IOException | RuntimeException e) {
      return null; // JsonConverter decides, and reports, whatever this reader does not expect
    }
  }

  /**
   * Reads the payload object whose START_OBJECT the parser is on, through its END_OBJECT; null
   * unless every field is plain and every required field is present.
   */
  private static Struct payload(JsonParser parser, Schema schema) throws IOException {
    Struct struct = new Struct(schema);
    boolean[] seen = new boolean[schema.fields().size()];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      Field field = schema.field(parser.currentName());
      JsonToken token = parser.nextToken();
      if (field == null) {
        parser.skipChildren(); // JsonConverter ignores fields the schema does not name
        continue;
      }
      Object value = value(parser, token, field.schema());
      if (value == NOT_PLAIN || (value == null && !field.schema().isOptional())) {
        return null;
      }
      struct.put(field, value);
      seen[field.index()] = true;
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      return null;
    }
    for (Field field : schema.fields()) {
      if (!seen[field.index()] && !field.schema().isOptional()) {
        return null;
      }
    }
    return struct;
  }

  private static final Object NOT_PLAIN = new Object();

  private static Object value(JsonParser parser, JsonToken token, Schema schema)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    return switch (schema.type()) {
      case INT8 -> token == JsonToken.VALUE_NUMBER_INT ? (byte) parser.getIntValue() : NOT_PLAIN;
      case INT16 -> token == JsonToken.VALUE_NUMBER_INT ? (short) parser.getIntValue() : NOT_PLAIN;
      case INT32 -> token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : NOT_PLAIN;
      case INT64 -> {
        if (token != JsonToken.VALUE_NUMBER_INT) {
          yield NOT_PLAIN;
        }
        long number = parser.getLongValue();
        yield FlatRowJsonConverter.isTimestamp(schema) ? new Date(number) : number;
      }
      case FLOAT32 -> token.isNumeric() ? parser.getFloatValue() : NOT_PLAIN;
      case FLOAT64 -> token.isNumeric() ? parser.getDoubleValue() : NOT_PLAIN;
      case BOOLEAN -> token.isBoolean() ? token == JsonToken.VALUE_TRUE : NOT_PLAIN;
      case STRING -> token == JsonToken.VALUE_STRING ? parser.getText() : NOT_PLAIN;
      default -> NOT_PLAIN;
    };
  }

  private static ByteBuffer schemaPart(byte[] message) {
    try (JsonParser parser = new JsonFactory().createParser(message)) {
      if (parser.nextToken() == JsonToken.START_OBJECT
          && parser.nextToken() == JsonToken.FIELD_NAME
          && "schema".equals(parser.currentName())
          && parser.nextToken() == JsonToken.START_OBJECT) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        return ByteBuffer.wrap(message, start, end - start);
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static ByteBuffer copy(ByteBuffer slice) {
    ByteBuffer copy = ByteBuffer.allocate(slice.remaining());
    copy.put(slice.duplicate());
    copy.flip();
    return copy;
  }
}
