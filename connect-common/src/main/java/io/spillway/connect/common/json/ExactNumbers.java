package io.spillway.connect.common.json;

import java.math.BigDecimal;

/**
 * Whether a binary floating-point column keeps a decimal number exactly as written: the nearest
 * double (or float) prints back as the same number, so the destination's text of the stored value
 * equals the source's. {@code 0.1} qualifies; {@code 12345678901234567.89}, {@code
 * 0.1000000000000000055511151231257827} and {@code 1e400} do not and must travel as decimals or
 * text.
 */
public final class ExactNumbers {
  /** Any decimal of at most this many significant digits survives a round trip through double. */
  private static final int DOUBLE_SAFE_DIGITS = 15;

  private ExactNumbers() {}

  /**
   * Whether {@code parsed}, the double nearest to the JSON number {@code literal}, keeps it.
   * Decides the common short literals from their digits alone, the rest by comparing decimals.
   */
  public static boolean doubleKeeps(String literal, double parsed) {
    return doubleKeeps(literal.toCharArray(), 0, literal.length(), parsed);
  }

  /** As {@link #doubleKeeps(String, double)}, for a literal in a parser's buffer (no copy). */
  public static boolean doubleKeeps(char[] buffer, int offset, int length, double parsed) {
    if (!Double.isFinite(parsed)) {
      return false;
    }
    int digits = 0;
    boolean nonZero = false;
    for (int i = offset; i < offset + length; i++) {
      char c = buffer[i];
      if (c == 'e' || c == 'E') {
        break;
      }
      if (c >= '1' && c <= '9') {
        nonZero = true;
      }
      if (nonZero && c >= '0' && c <= '9') {
        digits++;
      }
    }
    boolean normal = parsed == 0 ? !nonZero : Math.abs(parsed) >= Double.MIN_NORMAL;
    if (digits <= DOUBLE_SAFE_DIGITS && normal) {
      return true;
    }
    BigDecimal exact = parse(new String(buffer, offset, length));
    return exact != null && doubleKeeps(exact);
  }

  /** Whether a double column keeps this number exactly. */
  public static boolean doubleKeeps(BigDecimal value) {
    double parsed = value.doubleValue();
    return Double.isFinite(parsed) && new BigDecimal(Double.toString(parsed)).compareTo(value) == 0;
  }

  /** Whether a real (float32) column keeps this number exactly. */
  public static boolean floatKeeps(BigDecimal value) {
    float parsed = value.floatValue();
    return Float.isFinite(parsed) && new BigDecimal(Float.toString(parsed)).compareTo(value) == 0;
  }

  /** The number a text holds (decimal or scientific notation, no blanks), or null. */
  public static BigDecimal parse(String text) {
    int length = text.length();
    if (length == 0 || length > 10_000) {
      return null;
    }
    char first = text.charAt(0);
    char last = text.charAt(length - 1);
    if (!(first == '-' || first == '.' || (first >= '0' && first <= '9'))
        || !(last == '.' || (last >= '0' && last <= '9'))) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether the text is a negative zero, which a decimal cannot carry but a double can. */
  public static boolean isNegativeZero(String text, BigDecimal value) {
    return value.signum() == 0 && text.startsWith("-");
  }
}
