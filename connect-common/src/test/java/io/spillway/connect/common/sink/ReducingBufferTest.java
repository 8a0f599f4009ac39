package io.spillway.connect.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReducingBufferTest {

  @Test
  void laterChangeOfAKeyReplacesTheEarlierOne() {
    ReducingBuffer<String> buffer = new ReducingBuffer<>();
    buffer.add(List.of(1), "insert 1");
    buffer.add(List.of(2), "insert 2");
    buffer.add(List.of(1), "delete 1");
    buffer.add(List.of(3), "insert 3");
    buffer.add(List.of(3), "update 3");

    assertEquals(List.of("insert 2", "delete 1", "update 3"), buffer.changes());
    assertEquals(5, buffer.received());
    assertEquals(3, buffer.size());
  }

  @Test
  void insertAfterDeleteRestoresTheRow() {
    ReducingBuffer<String> buffer = new ReducingBuffer<>();
    buffer.add(List.of("a", 1), "delete");
    buffer.add(List.of("a", 1), "insert again");
    assertEquals(List.of("insert again"), buffer.changes());
  }

  @Test
  void changesWithoutKeyAreAllKeptInOrder() {
    ReducingBuffer<String> buffer = new ReducingBuffer<>();
    buffer.add(null, "a");
    buffer.add(null, "a");
    buffer.add(List.of(1), "k");
    assertEquals(List.of("k", "a", "a"), buffer.changes());
  }

  @Test
  void removesExactlyTheWrittenChanges() {
    ReducingBuffer<String> buffer = new ReducingBuffer<>();
    String first = new String("x");
    String second = new String("x");
    buffer.add(null, first);
    buffer.add(null, second);
    buffer.removeAll(List.of(first));
    assertEquals(1, buffer.size());
    assertTrue(buffer.changes().get(0) == second);
  }
}
