package io.spillway.connect.common.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JsonDocumentBufferTest {

  private static byte[] document(int length, byte fill) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, fill);
    return bytes;
  }

  private static byte[] write(JsonDocumentBuffer buffer, byte[] document) {
    ByteArrayBuilder out = buffer.start();
    // in two parts, as the writers do (envelope head, then the generator's output)
    out.write(document, 0, document.length / 2);
    out.write(document, document.length / 2, document.length - document.length / 2);
    return buffer.finish();
  }

  @Test
  void keepsOneBlockLargeEnoughForTheDocumentsSeen() {
    JsonDocumentBuffer buffer = new JsonDocumentBuffer();
    assertEquals(1024, buffer.blockSize());
    byte[] row = document(1_200, (byte) 'a'); // ~1 KB rows used to chain a block each time
    assertArrayEquals(row, write(buffer, row));
    assertEquals(2048, buffer.blockSize());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(row, write(buffer, row));
      assertEquals(2048, buffer.blockSize());
    }
    byte[] small = document(10, (byte) 'b');
    assertArrayEquals(small, write(buffer, small));
    assertEquals(2048, buffer.blockSize());
  }

  @Test
  void documentsBeyondTheLargestKeptBlockStillComeOutWhole() {
    JsonDocumentBuffer buffer = new JsonDocumentBuffer();
    byte[] huge = document(3 << 20, (byte) 'h');
    assertArrayEquals(huge, write(buffer, huge));
    assertEquals(1024, buffer.blockSize()); // not kept
    byte[] large = document(700_000, (byte) 'l');
    assertArrayEquals(large, write(buffer, large));
    assertEquals(1 << 20, buffer.blockSize());
    assertArrayEquals(huge, write(buffer, huge));
    byte[] row = document(1_200, (byte) 'r');
    assertArrayEquals(row, write(buffer, row));
    assertEquals(1 << 20, buffer.blockSize());
  }
}
