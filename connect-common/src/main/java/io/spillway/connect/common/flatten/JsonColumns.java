package io.spillway.connect.common.flatten;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.spillway.connect.common.errors.BadInputException;
import io.spillway.connect.common.json.JsonText;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * Unpacks a JSON object into {@code value_<field>} columns with one streaming pass (no tree):
 * booleans → BOOLEAN, integers → INT64, other numbers → FLOAT64 when float64 keeps them exactly,
 * else (and integers beyond 64 bits) a Decimal of their own scale ({@link NumberColumns}), strings
 * → STRING, nested objects and arrays → their JSON text, null → an untyped null. A duplicate field
 * keeps its last value, as Jackson's tree model does.
 */
public final class JsonColumns {
  private static final int MAX_CACHED_NAMES = 10_000;

  /** Column name per JSON field name: Jackson canonicalizes field names, so lookups are cheap. */
  private final Map<String, String> columnNames = new HashMap<>();

  private final String prefix;

  public JsonColumns(String prefix) {
    this.prefix = prefix;
  }

  /**
   * Appends the object's fields as columns, or returns {@code false} (appending nothing) when the
   * document is valid JSON but not an object, which then stays packed.
   */
  public boolean unpack(byte[] json, List<FlatColumn> out) {
    int start = out.size();
    try (JsonParser parser = JsonText.JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        requireSingleDocument(parser, true);
        return false;
      }
      JsonToken token;
      long namesSeen = 0; // one bit per name hash: a field whose bit is clear is no duplicate
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = columnName(parser.currentName());
        parser.nextToken();
        FlatColumn column = column(name, parser, json);
        long bit = 1L << name.hashCode(); // the shift takes the low six bits
        if ((namesSeen & bit) == 0) {
          out.add(column);
        } else {
          putLastWins(out, start, column);
        }
        namesSeen |= bit;
      }
      if (token != JsonToken.END_OBJECT) {
        throw new BadInputException("malformed JSON: unexpected " + token);
      }
      requireSingleDocument(parser, false);
      return true;
    } catch (JsonProcessingException e) {
      throw new BadInputException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BadInputException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  /** Checks that the bytes are exactly one well-formed JSON document. */
  public static void validate(byte[] json) {
    try (JsonParser parser = JsonText.JSON.createParser(json)) {
      parser.nextToken();
      requireSingleDocument(parser, true);
    } catch (JsonProcessingException e) {
      throw new BadInputException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BadInputException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  private static void requireSingleDocument(JsonParser parser, boolean atFirstToken)
      throws IOException {
    if (atFirstToken) {
      if (parser.currentToken() == null) {
        throw new BadInputException("malformed JSON: empty document");
      }
      parser.skipChildren();
    }
    JsonToken trailing = parser.nextToken();
    if (trailing != null) {
      throw new BadInputException("malformed JSON: trailing content after the document");
    }
  }

  private String columnName(String field) {
    String name = columnNames.get(field);
    if (name == null) {
      if (columnNames.size() >= MAX_CACHED_NAMES) {
        columnNames.clear();
      }
      name = prefix + field;
      columnNames.put(field, name);
    }
    return name;
  }

  private static FlatColumn column(String name, JsonParser parser, byte[] json) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_TRUE:
        return new FlatColumn(name, Schema.OPTIONAL_BOOLEAN_SCHEMA, Boolean.TRUE);
      case VALUE_FALSE:
        return new FlatColumn(name, Schema.OPTIONAL_BOOLEAN_SCHEMA, Boolean.FALSE);
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return NumberColumns.fromDecimal(name, new BigDecimal(parser.getBigIntegerValue()));
        }
        return new FlatColumn(name, Schema.OPTIONAL_INT64_SCHEMA, parser.getLongValue());
      case VALUE_NUMBER_FLOAT:
        double parsed = parser.getDoubleValue();
        return NumberColumns.fromLiteral(
            name,
            parser.getTextCharacters(),
            parser.getTextOffset(),
            parser.getTextLength(),
            parsed);
      case VALUE_STRING:
        return new FlatColumn(name, Schema.OPTIONAL_STRING_SCHEMA, parser.getText());
      case VALUE_NULL:
        return FlatColumn.untypedNull(name);
      case START_OBJECT:
      case START_ARRAY:
        return new FlatColumn(name, Schema.OPTIONAL_STRING_SCHEMA, nestedText(parser, json));
      default:
        throw new BadInputException("malformed JSON: unexpected " + parser.currentToken());
    }
  }

  /** The nested value's own source text: exact, and no re-serialization. */
  private static String nestedText(JsonParser parser, byte[] json) throws IOException {
    long start = parser.currentTokenLocation().getByteOffset();
    parser.skipChildren();
    long end = parser.currentLocation().getByteOffset();
    return new String(json, (int) start, (int) (end - start), StandardCharsets.UTF_8);
  }

  private static void putLastWins(List<FlatColumn> out, int start, FlatColumn column) {
    for (int i = start; i < out.size(); i++) {
      if (out.get(i).name().equals(column.name())) {
        out.set(i, column);
        return;
      }
    }
    out.add(column);
  }
}
