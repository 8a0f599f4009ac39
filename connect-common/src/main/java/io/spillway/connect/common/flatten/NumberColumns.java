package io.spillway.connect.common.flatten;

import io.spillway.connect.common.json.ExactNumbers;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/**
 * Columns of inferred (JSON or schemaless) numbers, never rounded: a number float64 keeps exactly
 * is FLOAT64; any other (more than 15–17 significant digits, beyond float64's range, an integer
 * beyond 64 bits) is a Connect Decimal of its own scale, or its text when the exponent is absurd.
 */
final class NumberColumns {
  /** Beyond this scale or exponent a decimal would be a huge digit string: keep the text. */
  private static final int MAX_DECIMAL_SCALE = 1_000;

  private static final Map<Integer, Schema> DECIMALS = new ConcurrentHashMap<>();

  private NumberColumns() {}

  /** A JSON number with a fraction or exponent: its text in the parser's buffer, and its double. */
  static FlatColumn fromLiteral(String name, char[] buffer, int offset, int length, double parsed) {
    if (ExactNumbers.doubleKeeps(buffer, offset, length, parsed)) {
      return new FlatColumn(name, Schema.OPTIONAL_FLOAT64_SCHEMA, parsed);
    }
    String literal = new String(buffer, offset, length);
    return exact(name, new BigDecimal(literal), literal);
  }

  /** A schemaless BigDecimal, e.g. from JsonConverter without schemas. */
  static FlatColumn fromDecimal(String name, BigDecimal value) {
    if (ExactNumbers.doubleKeeps(value)) {
      return new FlatColumn(name, Schema.OPTIONAL_FLOAT64_SCHEMA, value.doubleValue());
    }
    return exact(name, value, null);
  }

  private static FlatColumn exact(String name, BigDecimal value, String literal) {
    int scale = value.scale();
    if (scale > MAX_DECIMAL_SCALE || scale < -MAX_DECIMAL_SCALE) {
      String text = literal != null ? literal : value.toString();
      return new FlatColumn(name, Schema.OPTIONAL_STRING_SCHEMA, text);
    }
    if (scale < 0) {
      value = value.setScale(0);
      scale = 0;
    }
    return new FlatColumn(name, decimal(scale), value);
  }

  /** The optional Decimal schema of a scale: one instance per scale, so row shapes stay cached. */
  static Schema decimal(int scale) {
    return DECIMALS.computeIfAbsent(scale, s -> Decimal.builder(s).optional().build());
  }
}
