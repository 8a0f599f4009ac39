package io.spillway.connect.redshift.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DialectTest {
  private final Dialect redshift = new RedshiftDialect(65_535, NestedAs.SUPER);
  private final Dialect postgres = new PostgresDialect(65_535, NestedAs.SUPER);

  @Test
  void identifiersAreFoldedToLowerCaseAndQuotedSafely() {
    assertEquals("orders", redshift.identifier("Orders"));
    assertEquals("\"we\"\"ird; drop table x\"", redshift.quote("we\"ird; drop table x"));
    assertEquals("ünïcödé name", postgres.identifier("ÜNÏCÖDÉ Name"));
  }

  @Test
  void longNamesAreShortenedWithAHashSoTheyNeverCollide() {
    String a = "x".repeat(200) + "a";
    String b = "x".repeat(200) + "b";
    String shortA = redshift.identifier(a);
    assertTrue(shortA.getBytes(StandardCharsets.UTF_8).length <= 127);
    assertNotEquals(shortA, redshift.identifier(b));
    assertEquals(shortA, redshift.identifier(a));
    assertTrue(postgres.identifier(a).getBytes(StandardCharsets.UTF_8).length <= 63);
    String multibyte = "é".repeat(100);
    String cut = postgres.identifier(multibyte);
    assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 63);
    assertTrue(cut.startsWith("éé"));
  }

  @Test
  void redshiftNeverCreatesText() {
    assertEquals("VARCHAR(65535)", redshift.columnType(Cell.of("s", ColumnType.STRING, "x")));
    assertEquals("SUPER", redshift.columnType(Cell.of("j", ColumnType.JSON, "{}")));
    assertEquals(
        "VARCHAR(100)",
        new RedshiftDialect(100, NestedAs.VARCHAR).columnType(Cell.of("j", ColumnType.JSON, "{}")));
    assertEquals("TEXT", postgres.columnType(Cell.of("s", ColumnType.STRING, "x")));
    assertEquals("JSONB", postgres.columnType(Cell.of("j", ColumnType.JSON, "{}")));
    assertEquals("DECIMAL(38,2)", redshift.columnType(new Cell("d", ColumnType.DECIMAL, 2, null)));
  }

  @Test
  void valuesThatDoNotFitTheirColumnAreNamed() {
    DbColumn bigint = DbColumn.of("id", "bigint", null);
    DbColumn integer = DbColumn.of("n", "integer", null);
    DbColumn varchar = DbColumn.of("s", "character varying", 4);
    assertNull(CellValues.misfit(Cell.of("id", ColumnType.INT32, 5), bigint, true));
    assertNotNull(CellValues.misfit(Cell.of("id", ColumnType.STRING, "five"), bigint, true));
    assertNotNull(CellValues.misfit(Cell.of("n", ColumnType.INT64, 1L << 40), integer, true));
    assertNull(CellValues.misfit(Cell.of("s", ColumnType.STRING, "abcd"), varchar, true));
    // four characters, five bytes: too long for Redshift, fine for PostgreSQL
    assertNotNull(CellValues.misfit(Cell.of("s", ColumnType.STRING, "abcé"), varchar, true));
    assertNull(CellValues.misfit(Cell.of("s", ColumnType.STRING, "abcé"), varchar, false));
    assertNull(CellValues.misfit(Cell.of("s", ColumnType.INT64, 12L), varchar, true));
  }

  @Test
  void scalarsBecomeJsonForSuperColumns() {
    assertEquals("12", CellValues.json(Cell.of("n", ColumnType.INT64, 12L)));
    assertEquals("\"a\\\"b\"", CellValues.json(Cell.of("s", ColumnType.STRING, "a\"b")));
    assertEquals("{\"a\":1}", CellValues.json(Cell.of("j", ColumnType.JSON, "{\"a\":1}")));
  }
}
