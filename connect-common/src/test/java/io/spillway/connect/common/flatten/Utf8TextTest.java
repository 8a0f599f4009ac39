package io.spillway.connect.common.flatten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
  @Test
  void asciiCheckFindsAHighByteAtEveryPositionOfEveryLength() {
    for (int length = 0; length <= 40; length++) {
      byte[] bytes = new byte[length];
      Arrays.fill(bytes, (byte) 0x7f);
      assertTrue(Utf8Text.isAscii(bytes), "length " + length);
      for (int at = 0; at < length; at++) {
        for (byte high : new byte[] {(byte) 0x80, (byte) 0xc3, (byte) 0xff}) {
          byte[] mixed = bytes.clone();
          mixed[at] = high;
          assertFalse(Utf8Text.isAscii(mixed), "length " + length + ", at " + at);
        }
      }
    }
  }

  @Test
  void decodesAsciiAndStrictUtf8AndRefusesTheRest() {
    Utf8Text utf8 = new Utf8Text();
    assertEquals("plain text, 0123456789", utf8.decodeOrNull("plain text, 0123456789".getBytes()));
    assertEquals(
        "Zoë → ok",
        utf8.decodeOrNull("Zoë → ok".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertNull(
        utf8.decodeOrNull(
            new byte[] {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', (byte) 0xc0, (byte) 0x80}));
    assertEquals("wMA=", utf8.textOrBase64(new byte[] {(byte) 0xc0, (byte) 0xc0}));
  }
}
