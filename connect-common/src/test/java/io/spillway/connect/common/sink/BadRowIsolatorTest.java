package io.spillway.connect.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BadRowIsolatorTest {
  /** A destination that refuses a whole write when it holds a bad row. */
  private static final class Destination {
    final Set<Integer> bad;
    final List<Integer> rows = new ArrayList<>();
    int writes;

    Destination(Set<Integer> bad) {
      this.bad = bad;
    }

    void write(List<Integer> batch) throws IOException {
      writes++;
      for (Integer row : batch) {
        if (bad.contains(row)) {
          throw new IOException("bad row " + row);
        }
      }
      rows.addAll(batch);
    }
  }

  private static final List<Integer> ROWS = IntStream.range(0, 100).boxed().toList();

  @Test
  void badRowsAreIsolatedAndEveryOtherRowIsWritten() throws IOException {
    Destination destination = new Destination(Set.of(13, 77));
    List<String> rejected = new ArrayList<>();
    BadRowIsolator.write(
        ROWS,
        destination::write,
        e -> e.getMessage().startsWith("bad row"),
        (row, e) -> rejected.add(row + ": " + e.getMessage()));
    assertEquals(List.of("13: bad row 13", "77: bad row 77"), rejected);
    assertEquals(98, destination.rows.size());
    assertEquals(ROWS.stream().filter(r -> r != 13 && r != 77).toList(), destination.rows);
  }

  @Test
  void aGoodBatchIsOneWrite() throws IOException {
    Destination destination = new Destination(Set.of());
    BadRowIsolator.write(ROWS, destination::write, e -> true, (row, e) -> {});
    assertEquals(1, destination.writes);
  }

  @Test
  void anErrorThatBlamesNoRowPropagatesUnsplit() {
    Destination destination = new Destination(Set.of(5));
    IOException error =
        assertThrows(
            IOException.class,
            () -> BadRowIsolator.write(ROWS, destination::write, e -> false, (row, e) -> {}));
    assertEquals("bad row 5", error.getMessage());
    assertEquals(1, destination.writes);
  }
}
