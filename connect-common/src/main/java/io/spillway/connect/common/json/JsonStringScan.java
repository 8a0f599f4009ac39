package io.spillway.connect.common.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds where plain text ends inside a JSON string's UTF-8 bytes, 8 bytes per step: the bytes that
 * need a second look (a quote, a backslash, a control character or any non-ASCII byte) are rare in
 * rows, so long strings are passed over a word at a time. Shared by the packed-JSON check and the
 * converter's string writer.
 */
public final class JsonStringScan {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private JsonStringScan() {}

  /**
   * The index, from {@code from} on, of the first byte that is a quote, a backslash, below 0x20 or
   * above 0x7F; {@code bytes.length} when there is none.
   */
  public static int plainRun(byte[] bytes, int from) {
    int i = from;
    while (i + Long.BYTES <= bytes.length && !hasSpecialByte((long) WORDS.get(bytes, i))) {
      i += Long.BYTES;
    }
    for (; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b < 0x20 || b == '"' || b == '\\') { // non-ASCII bytes are negative
        return i;
      }
    }
    return bytes.length;
  }

  /**
   * The index, from {@code from} on, of the first byte equal to {@code b} (an ASCII byte); {@code
   * bytes.length} when there is none. Scans 8 bytes per step.
   */
  public static int indexOf(byte[] bytes, byte b, int from) {
    long pattern = ONES * b;
    int i = from;
    while (i + Long.BYTES <= bytes.length) {
      long x = (long) WORDS.get(bytes, i) ^ pattern; // a zero byte where bytes hold b
      if (((x - ONES) & ~x & HIGHS) != 0) {
        break;
      }
      i += Long.BYTES;
    }
    for (; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return bytes.length;
  }

  /**
   * Whether any of the 8 bytes is a quote, a backslash, below 0x20 or above 0x7F (the classic SWAR
   * tests: exact about whether such a byte exists, which is all that is asked).
   */
  private static boolean hasSpecialByte(long word) {
    long quotes = word ^ (ONES * '"');
    long backslashes = word ^ (ONES * '\\');
    long found =
        ((quotes - ONES) & ~quotes)
            | ((backslashes - ONES) & ~backslashes)
            | ((word - ONES * 0x20) & ~word)
            | word;
    return (found & HIGHS) != 0;
  }
}
