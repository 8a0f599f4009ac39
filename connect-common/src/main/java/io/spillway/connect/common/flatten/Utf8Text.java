package io.spillway.connect.common.flatten;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Strict UTF-8 decoding: bytes either are valid UTF-8 text or are reported as not, never silently
 * replaced with U+FFFD (a replaced character would lose data). Not thread-safe: reuses one decoder.
 */
public final class Utf8Text {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** The text, or {@code null} when the bytes are not valid UTF-8. */
  public String decodeOrNull(byte[] bytes) {
    if (isAscii(bytes)) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The text when the bytes are valid UTF-8, otherwise their base64 form. */
  public String textOrBase64(byte[] bytes) {
    String text = decodeOrNull(bytes);
    return text != null ? text : Base64.getEncoder().encodeToString(bytes);
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
