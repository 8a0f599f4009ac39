package io.spillway.connect.flinkupsert.combine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class MergedRowsTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void countsKeysAndBytesPerPartitionAndForgetsDroppedPartitions() {
    MergedRows rows = new MergedRows(10_000);
    rows.put(0, b("k1"), b("v1"));
    rows.put(0, b("k2"), b("value2"));
    rows.put(1, b("k1"), b("other"));
    assertEquals(3, rows.keys());
    assertEquals(
        (2 + 2) + (2 + 6) + (2 + 5) + 3L * MergedRows.ENTRY_OVERHEAD, rows.bytes(), "estimate");
    assertArrayEquals(b("v1"), rows.get(0, b("k1")), "keys match by their bytes");
    assertArrayEquals(b("other"), rows.get(1, b("k1")), "partitions apart");

    rows.put(0, b("k1"), b("longer value"));
    assertEquals(3, rows.keys());
    rows.put(0, b("k2"), null);
    assertNull(rows.get(0, b("k2")));
    assertEquals(2, rows.keys());
    assertEquals((2 + 12) + (2 + 5) + 2L * MergedRows.ENTRY_OVERHEAD, rows.bytes());

    rows.drop(0);
    assertFalse(rows.holds(0));
    assertTrue(rows.holds(1));
    assertEquals(1, rows.keys());
    assertEquals(2 + 5 + MergedRows.ENTRY_OVERHEAD, rows.bytes());
  }

  @Test
  void growingPastTheLimitFailsAndLeavesTheStateAsItWas() {
    MergedRows rows = new MergedRows(400);
    rows.put(0, b("a"), new byte[50]);
    rows.put(0, b("b"), new byte[50]);
    long before = rows.bytes();
    ConnectException e =
        assertThrows(ConnectException.class, () -> rows.put(0, b("c"), new byte[50]));
    assertTrue(e.getMessage().contains("combine.state.max.bytes=400"), e.getMessage());
    assertTrue(e.getMessage().contains("raise combine.state.max.bytes"), e.getMessage());
    assertEquals(before, rows.bytes());
    assertNull(rows.get(0, b("c")));
    // Shrinking or deleting is always allowed.
    rows.put(0, b("a"), new byte[10]);
    rows.put(0, b("b"), null);
    assertEquals(1, rows.keys());
  }
}
