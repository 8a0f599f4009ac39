package io.spillway.connect.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * Writes the fields of flat rows (primitive, Timestamp and FineTime values) exactly as {@link
 * org.apache.kafka.connect.json.JsonConverter} does, for {@link FlatRowJsonConverter} and for
 * writers that produce JsonConverter's bytes without building a Struct. Not thread-safe: reuses its
 * string buffer.
 */
public final class FlatJsonValues {
  private final PlainJsonStrings strings = new PlainJsonStrings();

  /** Whether JsonConverter's output for this schema is what this class writes (see isFlat). */
  public static boolean isFlat(Schema schema) {
    return FlatRowReader.isFlat(schema);
  }

  /**
   * The schema's field names quoted and escaped once, by field index. A name with surrogate pairs
   * is null: the generator writes those in field names as two escaped surrogates, while a
   * SerializedString holds them as 4 UTF-8 bytes; write it with {@link #writeName}.
   */
  public static SerializedString[] quotedNames(Schema schema) {
    return schema.fields().stream()
        .map(Field::name)
        .map(
            name ->
                name.chars().anyMatch(c -> Character.isSurrogate((char) c))
                    ? null
                    : new SerializedString(name))
        .toArray(SerializedString[]::new);
  }

  /** Writes a field name: the quoted form when there is one. */
  public static void writeName(JsonGenerator out, SerializedString quoted, String name)
      throws IOException {
    if (quoted != null) {
      out.writeFieldName(quoted);
    } else {
      out.writeFieldName(name);
    }
  }

  /** Writes a non-null value of a flat field of that type as JsonConverter does. */
  public void writeValue(JsonGenerator out, Schema.Type type, Object value) throws IOException {
    switch (type) {
      case INT8 -> out.writeNumber((int) (Byte) value);
      case INT16 -> out.writeNumber((Short) value);
      case INT32 -> out.writeNumber((Integer) value);
      case INT64 -> out.writeNumber(value instanceof Date date ? date.getTime() : (Long) value);
      case FLOAT32 -> out.writeNumber((Float) value);
      case FLOAT64 -> out.writeNumber((Double) value);
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case STRING -> strings.write(out, (String) value);
      default -> throw new IllegalStateException("not a flat value type: " + type);
    }
  }

  /**
   * Writes the string {@code text} whose strict UTF-8 bytes the caller already holds (a message as
   * it was read): escapes them directly, without encoding the text again.
   */
  public void writeString(JsonGenerator out, byte[] utf8, String text) throws IOException {
    strings.write(out, utf8, text);
  }
}
