package io.spillway.connect.common.flatten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderColumnsTest {

  @Test
  void repeatedKeysGetSuffixesInArrivalOrderAsDesignSays() {
    assertEquals(
        List.of("a_0", "a_1", "b", "c_0", "c_1", "d"),
        HeaderColumns.dedupedNames(List.of("a", "a", "b", "c", "c", "d")));
  }

  @Test
  void interleavedRepeatsKeepArrivalOrder() {
    assertEquals(
        List.of("x_0", "y", "x_1", "x_2"), HeaderColumns.dedupedNames(List.of("x", "y", "x", "x")));
  }

  @Test
  void generatedNameNeverOverwritesARealKey() {
    assertEquals(
        List.of("a_0_0", "a_1", "a_0"), HeaderColumns.dedupedNames(List.of("a", "a", "a_0")));
  }

  @Test
  void rendersJsonWithNullsAndDedupedNames() {
    String json =
        new HeaderColumns()
            .add("a", "1")
            .add("a", "2")
            .add("b", null)
            .add("quote\"d", "line\nbreak")
            .toJson();
    assertEquals("{\"a_0\":\"1\",\"a_1\":\"2\",\"b\":null,\"quote\\\"d\":\"line\\nbreak\"}", json);
  }

  @Test
  void noHeadersIsNull() {
    assertNull(new HeaderColumns().toJson());
  }
}
