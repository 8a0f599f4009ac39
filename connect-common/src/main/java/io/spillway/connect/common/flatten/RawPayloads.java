package io.spillway.connect.common.flatten;

import io.spillway.connect.common.avro.AvroJson;
import io.spillway.connect.common.avro.ConfluentAvroDecoder;
import io.spillway.connect.common.avro.ConfluentAvroDecoder.AvroDatum;
import io.spillway.connect.common.errors.BadInputException;
import io.spillway.connect.common.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;

/**
 * Decodes raw key and value bytes (text, JSON, Confluent-wire Avro) into columns. Throws {@link
 * BadInputException} for input that can never be decoded. Not thread-safe.
 */
final class RawPayloads {
  private final Utf8Text utf8 = new Utf8Text();
  private final ConfluentAvroDecoder avro;
  private final AvroColumns avroKeyColumns = new AvroColumns();
  private final AvroColumns avroValueColumns = new AvroColumns();
  private final JsonColumns jsonValueColumns = new JsonColumns(Columns.VALUE_PREFIX);
  private final JsonSyntaxCheck jsonSyntax =
      new JsonSyntaxCheck(JsonText.JSON.streamReadConstraints());

  RawPayloads(ConfluentAvroDecoder avro) {
    this.avro = avro;
  }

  Utf8Text utf8() {
    return utf8;
  }

  void key(byte[] bytes, KeyType type, List<FlatColumn> out) {
    if (bytes == null) {
      out.add(new FlatColumn(Columns.KEY, Columns.OPTIONAL_STRING, null));
    } else if (type == KeyType.AVRO) {
      AvroDatum datum = avro().decode(bytes);
      if (datum.value() instanceof GenericRecord record) {
        avroKeyColumns.unpack(record, Columns.KEY_PREFIX, out);
      } else {
        out.add(new FlatColumn(Columns.KEY, Columns.OPTIONAL_STRING, avroText(datum)));
      }
    } else {
      out.add(new FlatColumn(Columns.KEY, Columns.OPTIONAL_STRING, utf8.textOrBase64(bytes)));
    }
  }

  void value(byte[] bytes, MessageType type, boolean unpack, List<FlatColumn> out) {
    switch (type) {
      case TEXT -> {
        String text = utf8.decodeOrNull(bytes);
        if (text == null) {
          throw new BadInputException("value is not valid UTF-8 text");
        }
        out.add(packed(text));
      }
      case JSON -> {
        // Unpacking parses with Jackson anyway, which checks the syntax: only strict UTF-8 is left
        // to prove, and ASCII (most messages) needs no second pass over the bytes.
        boolean proven = (unpack && Utf8Text.isAscii(bytes)) || jsonSyntax.isCertainlyValid(bytes);
        if (!proven) {
          if (!unpack) {
            JsonColumns.validate(bytes); // Jackson decides, and names the problem
          }
          requireStrictUtf8(bytes);
        }
        if (!unpack || !jsonValueColumns.unpack(bytes, out)) {
          out.add(packed(new String(bytes, StandardCharsets.UTF_8)));
        }
      }
      case AVRO -> {
        AvroDatum datum = avro().decode(bytes);
        if (unpack && datum.value() instanceof GenericRecord record) {
          avroValueColumns.unpack(record, Columns.VALUE_PREFIX, out);
        } else {
          out.add(packed(avroText(datum)));
        }
      }
      default -> throw new IllegalStateException("unknown message type " + type);
    }
  }

  /**
   * Jackson accepts some invalid UTF-8 inside JSON strings (it skips them, or decodes overlong
   * forms); a lenient decode would then silently turn those bytes into other characters.
   */
  private void requireStrictUtf8(byte[] bytes) {
    if (utf8.decodeOrNull(bytes) == null) {
      throw new BadInputException("malformed JSON: invalid UTF-8 inside the document");
    }
  }

  static FlatColumn packed(String text) {
    return new FlatColumn(Columns.VALUE, Schema.OPTIONAL_STRING_SCHEMA, text);
  }

  private ConfluentAvroDecoder avro() {
    if (avro == null) {
      throw new IllegalStateException("Avro input needs flatten.schema.registry.url");
    }
    return avro;
  }

  private static String avroText(AvroDatum datum) {
    return datum.value() instanceof CharSequence text
        ? text.toString()
        : AvroJson.of(datum.schema(), datum.value());
  }
}
