package io.spillway.connect.common.flatten;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
  /** Reads eight bytes at a time: the ASCII check is on the hot path of every JSON message. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long HIGH_BITS = 0x8080808080808080L;

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

  /** Whether every byte is ASCII (below 0x80): such bytes always are valid UTF-8. */
  static boolean isAscii(byte[] bytes) {
    long any = 0;
    int i = 0;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      any |= (long) LONGS.get(bytes, i);
    }
    for (; i < bytes.length; i++) {
      any |= bytes[i]; // a negative byte sign-extends into the high bit of the lowest byte
    }
    return (any & HIGH_BITS) == 0;
  }
}
