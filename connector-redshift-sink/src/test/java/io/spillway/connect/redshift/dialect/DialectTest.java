package io.spillway.connect.redshift.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    assertEquals(
        "VARCHAR(65535)", redshift.planned("c", Cell.of("s", ColumnType.STRING, "x")).dataType());
    assertEquals("SUPER", redshift.planned("c", Cell.of("j", ColumnType.JSON, "{}")).dataType());
    assertEquals(
        "VARCHAR(100)",
        new RedshiftDialect(100, NestedAs.VARCHAR)
            .planned("c", Cell.of("j", ColumnType.JSON, "{}"))
            .dataType());
    assertEquals("TEXT", postgres.planned("c", Cell.of("s", ColumnType.STRING, "x")).dataType());
    assertEquals("JSONB", postgres.planned("c", Cell.of("j", ColumnType.JSON, "{}")).dataType());
    assertEquals(
        "DECIMAL(38,2)",
        redshift.planned("c", new Cell("d", ColumnType.DECIMAL, 2, null)).dataType());
    assertEquals("NUMERIC", postgres.planned("c", ColumnType.DECIMAL, 2).dataType());
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
  void cellsAreWrittenByValueNotByDeclaredType() {
    DbColumn bigint = DbColumn.of("n", "bigint", null);
    DbColumn dbl = DbColumn.of("d", "double precision", null);
    DbColumn real = DbColumn.of("r", "real", null);
    DbColumn numeric = DbColumn.of("x", "numeric", null, 38, 2);
    DbColumn bool = DbColumn.of("b", "boolean", null);
    assertEquals(5.5, CellValues.value(Cell.of("d", ColumnType.STRING, "5.5"), dbl));
    assertEquals(7.0, CellValues.value(Cell.of("d", ColumnType.STRING, "7"), dbl));
    assertEquals(7.0, CellValues.value(Cell.of("d", ColumnType.INT64, 7L), dbl));
    assertEquals(0.1, CellValues.value(Cell.of("d", ColumnType.FLOAT32, 0.1f), dbl));
    assertEquals(-0.0, CellValues.value(Cell.of("d", ColumnType.STRING, "-0.0"), dbl));
    assertEquals(7L, CellValues.value(Cell.of("n", ColumnType.FLOAT64, 7.0), bigint));
    assertEquals(7L, CellValues.value(Cell.of("n", ColumnType.JSON, "7"), bigint));
    assertEquals(70L, CellValues.value(Cell.of("n", ColumnType.STRING, "7e1"), bigint));
    assertEquals(0.5f, CellValues.value(Cell.of("r", ColumnType.FLOAT64, 0.5), real));
    assertEquals(Boolean.TRUE, CellValues.value(Cell.of("b", ColumnType.STRING, "true"), bool));
    assertEquals(
        new BigDecimal("12.5"), CellValues.value(Cell.of("x", ColumnType.FLOAT64, 12.5), numeric));
    // What the column cannot hold exactly is refused, never rounded.
    assertNotNull(CellValues.misfit(Cell.of("d", ColumnType.STRING, "not-a-number"), dbl, true));
    assertNotNull(
        CellValues.misfit(
            new Cell("d", ColumnType.DECIMAL, 2, new BigDecimal("12345678901234567.89")),
            dbl,
            true));
    assertNotNull(CellValues.misfit(Cell.of("d", ColumnType.INT64, (1L << 53) + 1), dbl, true));
    assertNotNull(CellValues.misfit(Cell.of("n", ColumnType.FLOAT64, 7.5), bigint, true));
    assertNotNull(CellValues.misfit(Cell.of("n", ColumnType.FLOAT64, 1e19), bigint, true));
    assertNotNull(CellValues.misfit(Cell.of("r", ColumnType.FLOAT64, 16_777_217.0), real, true));
    assertNotNull(CellValues.misfit(Cell.of("x", ColumnType.FLOAT64, 12.125), numeric, true));
    assertNotNull(
        CellValues.misfit(Cell.of("x", ColumnType.STRING, "1" + "0".repeat(36)), numeric, true));
    assertNull(
        CellValues.misfit(Cell.of("x", ColumnType.STRING, "1" + "0".repeat(35)), numeric, true));
    assertNotNull(CellValues.misfit(Cell.of("b", ColumnType.INT64, 1L), bool, true));
  }

  @Test
  void widenedColumnsKeepTheirValues() {
    DbColumn bigint = DbColumn.of("n", "bigint", null);
    DbColumn real = DbColumn.of("r", "real", null);
    assertEquals(
        List.of(
            "ALTER TABLE t ALTER COLUMN \"n\" TYPE DOUBLE PRECISION USING CAST(\"n\" AS DOUBLE"
                + " PRECISION)"),
        postgres.widenColumn("t", bigint, postgres.planned("n", ColumnType.FLOAT64, 0)));
    assertEquals(
        List.of(
            "ALTER TABLE t ADD COLUMN \"r__spillway_widened\" DOUBLE PRECISION",
            "UPDATE t SET \"r__spillway_widened\" = CAST(CAST(\"r\" AS VARCHAR(64)) AS DOUBLE"
                + " PRECISION)",
            "ALTER TABLE t DROP COLUMN \"r\"",
            "ALTER TABLE t RENAME COLUMN \"r__spillway_widened\" TO \"r\""),
        redshift.widenColumn("t", real, redshift.planned("r", ColumnType.FLOAT64, 0)));
  }

  @Test
  void scalarsBecomeJsonForSuperColumns() {
    assertEquals("12", CellValues.json(Cell.of("n", ColumnType.INT64, 12L)));
    assertEquals("\"a\\\"b\"", CellValues.json(Cell.of("s", ColumnType.STRING, "a\"b")));
    assertEquals("{\"a\":1}", CellValues.json(Cell.of("j", ColumnType.JSON, "{\"a\":1}")));
  }
}
