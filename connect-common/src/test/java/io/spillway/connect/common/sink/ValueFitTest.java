package io.spillway.connect.common.sink;

import static io.spillway.connect.common.sink.ColumnType.BOOLEAN;
import static io.spillway.connect.common.sink.ColumnType.DATE;
import static io.spillway.connect.common.sink.ColumnType.DECIMAL;
import static io.spillway.connect.common.sink.ColumnType.FLOAT32;
import static io.spillway.connect.common.sink.ColumnType.FLOAT64;
import static io.spillway.connect.common.sink.ColumnType.INT16;
import static io.spillway.connect.common.sink.ColumnType.INT32;
import static io.spillway.connect.common.sink.ColumnType.INT64;
import static io.spillway.connect.common.sink.ColumnType.JSON;
import static io.spillway.connect.common.sink.ColumnType.STRING;
import static io.spillway.connect.common.sink.ColumnType.TIMESTAMP;
import static io.spillway.connect.common.sink.ColumnType.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.json.ExactNumbers;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueFitTest {
  private static Object as(ColumnType type, Object value, ColumnType column) {
    return ValueFit.as(Cell.of("c", type, value), column);
  }

  @Test
  void wideningOrderIsOneLatticeForEveryDestination() {
    assertEquals(INT64, TypeWidening.wider(INT16, INT64));
    assertEquals(INT32, TypeWidening.wider(INT32, INT16));
    assertEquals(FLOAT64, TypeWidening.wider(INT64, FLOAT64));
    assertEquals(FLOAT64, TypeWidening.wider(FLOAT32, INT32));
    assertEquals(DECIMAL, TypeWidening.wider(INT64, DECIMAL));
    assertEquals(STRING, TypeWidening.wider(FLOAT64, DECIMAL));
    assertEquals(STRING, TypeWidening.wider(FLOAT64, STRING));
    assertEquals(STRING, TypeWidening.wider(STRING, INT64));
    assertEquals(STRING, TypeWidening.wider(BOOLEAN, INT64));
    assertEquals(TIMESTAMP, TypeWidening.wider(DATE, TIMESTAMP));
    assertEquals(STRING, TypeWidening.wider(JSON, STRING));
    assertEquals(INT64, TypeWidening.wider(UNKNOWN, INT64));
    assertTrue(TypeWidening.isWiderOrSame(STRING, FLOAT64));
    assertTrue(!TypeWidening.isWiderOrSame(INT64, FLOAT64));
  }

  @Test
  void valuesFitOtherTypesExactlyOrNotAtAll() {
    assertEquals(5.5, as(STRING, "5.5", FLOAT64));
    assertEquals(7.0, as(STRING, "7", FLOAT64));
    assertEquals(Double.NaN, as(STRING, "NaN", FLOAT64));
    assertEquals(7L, as(FLOAT64, 7.0, INT64));
    assertEquals((short) 7, as(STRING, "7.000", INT16));
    assertEquals(0L, as(FLOAT64, -0.0, INT64));
    assertEquals(new BigDecimal("0.1"), as(FLOAT64, 0.1, DECIMAL));
    assertEquals(Boolean.FALSE, as(STRING, "false", BOOLEAN));
    assertEquals("anything", as(FLOAT64, "anything", STRING));
    assertSame(ValueFit.NO_FIT, as(STRING, "not-a-number", FLOAT64));
    assertSame(ValueFit.NO_FIT, as(STRING, " 7", INT64));
    assertSame(ValueFit.NO_FIT, as(FLOAT64, 7.5, INT64));
    assertSame(ValueFit.NO_FIT, as(INT64, 40_000L, INT16));
    assertSame(ValueFit.NO_FIT, as(INT64, Long.MAX_VALUE, FLOAT64));
    assertSame(ValueFit.NO_FIT, as(DECIMAL, new BigDecimal("12345678901234567.89"), FLOAT64));
    assertSame(ValueFit.NO_FIT, as(STRING, "0.1000000000000000055511151231257827", FLOAT64));
    assertSame(ValueFit.NO_FIT, as(STRING, "1e400", FLOAT64));
    assertSame(ValueFit.NO_FIT, as(FLOAT64, Double.NaN, DECIMAL));
    assertSame(ValueFit.NO_FIT, as(INT64, 1L, BOOLEAN));
    assertSame(ValueFit.NO_FIT, as(STRING, "2024-01-01", DATE));
  }

  @Test
  void float64KeepsShortLiteralsAndOnlyThose() {
    assertTrue(ExactNumbers.doubleKeeps("0.1", 0.1));
    assertTrue(ExactNumbers.doubleKeeps("-0.0", -0.0));
    assertTrue(ExactNumbers.doubleKeeps("1.7976931348623157e308", Double.MAX_VALUE));
    assertTrue(!ExactNumbers.doubleKeeps("1e400", Double.POSITIVE_INFINITY));
    assertTrue(!ExactNumbers.doubleKeeps("1e-400", 0.0));
    assertTrue(!ExactNumbers.doubleKeeps("12345678901234567.89", 12345678901234567.89));
    assertTrue(!ExactNumbers.doubleKeeps("9007199254740993", 9007199254740993.0));
    assertTrue(ExactNumbers.doubleKeeps("9007199254740992", 9007199254740992.0));
  }
}
