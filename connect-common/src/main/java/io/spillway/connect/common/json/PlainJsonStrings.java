package io.spillway.connect.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a string value exactly as Jackson's default generator does, but for ASCII text without
 * control characters (nearly every string of a row) as bytes, scanned 8 at a time: Jackson's {@code
 * writeString} copies the characters out and checks them one at a time. Such text is escaped here
 * ({@code "} and {@code \} get a backslash, as Jackson does) and handed over with {@link
 * JsonGenerator#writeRawUTF8String}; any other text goes to {@code writeString}. Not thread-safe:
 * reuses its buffer.
 */
final class PlainJsonStrings {

  /** Longer text that needs escaping goes to Jackson, so the kept buffer stays small. */
  private static final int MAX_ESCAPED_BYTES = 1 << 20;

  private byte[] escaped = new byte[256];

  void write(JsonGenerator out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8); // a copy for ASCII-only text
    if (bytes.length == text.length() && hasLoneSurrogate(bytes, text)) {
      out.writeString(text); // Jackson escapes it; getBytes made it a '?'
      return;
    }
    write(out, bytes, text);
  }

  /**
   * Whether ASCII-sized bytes hide a lone surrogate, which getBytes encodes as {@code '?'} (any
   * other non-ASCII character makes the bytes longer than the text).
   */
  private static boolean hasLoneSurrogate(byte[] bytes, String text) {
    // Called for nearly every string of a row: '?' is rare, so skip to it a word at a time
    // (a byte-by-byte loop here was ~5 % of the Kafka source task's CPU in a JFR profile).
    for (int i = JsonStringScan.indexOf(bytes, (byte) '?', 0);
        i < bytes.length;
        i = JsonStringScan.indexOf(bytes, (byte) '?', i + 1)) {
      if (text.charAt(i) != '?') {
        return true;
      }
    }
    return false;
  }

  /** Writes {@code text}, given as its strict UTF-8 bytes too (which are not modified). */
  void write(JsonGenerator out, byte[] bytes, String text) throws IOException {
    int special = JsonStringScan.plainRun(bytes, 0);
    if (special == bytes.length) {
      out.writeRawUTF8String(bytes, 0, bytes.length);
      return;
    }
    if (bytes.length * 2 > MAX_ESCAPED_BYTES) {
      out.writeString(text);
      return;
    }
    if (escaped.length < bytes.length * 2) {
      escaped = new byte[bytes.length * 2];
    }
    int from = 0;
    int length = 0;
    while (true) {
      System.arraycopy(bytes, from, escaped, length, special - from);
      length += special - from;
      if (special == bytes.length) {
        break;
      }
      byte b = bytes[special];
      if (b < 0x20) { // control characters and (as negative bytes) all non-ASCII
        out.writeString(text);
        return;
      }
      escaped[length++] = '\\';
      escaped[length++] = b;
      from = special + 1;
      special = JsonStringScan.plainRun(bytes, from);
    }
    out.writeRawUTF8String(escaped, 0, length);
  }
}
