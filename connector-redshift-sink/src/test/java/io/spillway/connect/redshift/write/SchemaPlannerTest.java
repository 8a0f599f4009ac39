package io.spillway.connect.redshift.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;
import io.spillway.connect.redshift.dialect.DbColumn;
import io.spillway.connect.redshift.dialect.RedshiftDialect;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class SchemaPlannerTest {
  private static final TableId TABLE = new TableId("public", "t");
  private final RedshiftDialect dialect = new RedshiftDialect(65_535, NestedAs.SUPER);

  private static Change change(Cell... cells) {
    Map<String, Cell> byColumn = new LinkedHashMap<>();
    for (Cell cell : cells) {
      byColumn.put(cell.name(), cell);
    }
    return new Change(
        new SinkRecord("t", 0, null, null, null, "v", 0), TABLE, false, List.of(), null, byColumn);
  }

  @Test
  void aNewColumnTakesTheTypeOfTheFirstRecordThatCarriesIt() {
    Change first =
        change(Cell.of("a", ColumnType.INT64, 1L), Cell.of("c", ColumnType.UNKNOWN, null));
    Change fitsByValue =
        change(Cell.of("a", ColumnType.FLOAT64, 2.0), Cell.of("b", ColumnType.INT32, 1));
    Change wider =
        change(Cell.of("a", ColumnType.FLOAT64, 1.5), Cell.of("b", ColumnType.INT64, 2L));
    SchemaPlanner.Plan plan =
        new SchemaPlanner(dialect, true, true, false)
            .plan(TABLE, null, List.of(first, fitsByValue, wider));
    assertTrue(plan.createTable());
    assertEquals(
        List.of("a BIGINT", "b INTEGER"),
        plan.newColumns().stream().map(c -> c.name() + " " + c.dataType()).toList());
    assertEquals(List.of(first, fitsByValue), plan.accepted(), "2.0 and 2 fit by value");
    assertTrue(
        plan.rejected().get(wider).contains("column \"a\" (bigint)"), plan.rejected().toString());
  }

  @Test
  void theSameRecordsInOtherBatchesPlanTheSameColumns() {
    Change number = change(Cell.of("amount", ColumnType.FLOAT64, 5.5));
    Change text = change(Cell.of("amount", ColumnType.STRING, "a lot"));
    SchemaPlanner planner = new SchemaPlanner(dialect, true, true, false);
    SchemaPlanner.Plan whole = planner.plan(TABLE, null, List.of(number, text));
    SchemaPlanner.Plan alone = planner.plan(TABLE, null, List.of(number));
    assertEquals(alone.newColumns(), whole.newColumns());
    assertEquals(
        List.of("DOUBLE PRECISION"), whole.newColumns().stream().map(DbColumn::dataType).toList());
    assertTrue(whole.rejected().containsKey(text), "the text goes to the error policy");
  }

  @Test
  void withAutoWidenANewColumnWidensForTheBatchsLaterMisfits() {
    SchemaPlanner.Plan plan =
        new SchemaPlanner(dialect, true, true, true)
            .plan(
                TABLE,
                null,
                List.of(
                    change(Cell.of("a", ColumnType.INT64, 1L)),
                    change(Cell.of("a", ColumnType.FLOAT64, 1.5))));
    assertEquals(
        List.of("DOUBLE PRECISION"), plan.newColumns().stream().map(DbColumn::dataType).toList());
    assertEquals(2, plan.accepted().size());
  }

  @Test
  void misfitsAreRejectedWithAReasonAndTheRestAccepted() {
    Map<String, DbColumn> existing = new LinkedHashMap<>();
    existing.put("a", DbColumn.of("a", "bigint", null));
    Change good = change(Cell.of("a", ColumnType.INT64, 1L), Cell.of("n", ColumnType.STRING, "x"));
    Change bad = change(Cell.of("a", ColumnType.STRING, "one"));

    SchemaPlanner.Plan plan =
        new SchemaPlanner(dialect, true, true, false).plan(TABLE, existing, List.of(good, bad));

    assertEquals(List.of(good), plan.accepted());
    assertTrue(plan.rejected().get(bad).contains("column \"a\" (bigint)"));
    assertEquals(List.of("n"), plan.newColumns().stream().map(DbColumn::name).toList());
  }

  @Test
  void withoutEvolutionNewFieldsAreRejected() {
    Map<String, DbColumn> existing = Map.of("a", DbColumn.of("a", "bigint", null));
    Change change = change(Cell.of("b", ColumnType.INT64, 1L));
    SchemaPlanner.Plan plan =
        new SchemaPlanner(dialect, true, false, false).plan(TABLE, existing, List.of(change));
    assertTrue(plan.rejected().get(change).contains("auto.evolve is false"));
    assertThrows(
        ConnectException.class,
        () -> new SchemaPlanner(dialect, false, true, false).plan(TABLE, null, List.of(change)));
  }

  @Test
  void aNewColumnIsTextWhenNoNumberTypeHoldsItsFirstValue() {
    SchemaPlanner.Plan plan =
        new SchemaPlanner(dialect, true, true, false)
            .plan(
                TABLE,
                null,
                List.of(
                    change(
                        Cell.of("s", ColumnType.STRING, "not-a-number"),
                        new Cell("d", ColumnType.DECIMAL, 0, new BigDecimal("1e400").setScale(0))),
                    change(Cell.of("s", ColumnType.FLOAT64, 5.5))));
    assertEquals(
        List.of("VARCHAR(65535)", "VARCHAR(65535)"),
        plan.newColumns().stream().map(DbColumn::dataType).toList());
    assertEquals(2, plan.accepted().size(), "5.5 fits text");
  }

  @Test
  void valuesThatFitByValueAreAcceptedAndOnlyTrueMisfitsWidenWhenAllowed() {
    Map<String, DbColumn> existing = Map.of("a", DbColumn.of("a", "double precision", null));
    Change text = change(Cell.of("a", ColumnType.STRING, "5.5"));
    Change integer = change(Cell.of("a", ColumnType.INT64, 7L));
    Change odd = change(Cell.of("a", ColumnType.STRING, "not-a-number"));
    List<Change> batch = List.of(text, integer, odd);

    SchemaPlanner.Plan strict =
        new SchemaPlanner(dialect, true, true, false).plan(TABLE, existing, batch);
    assertEquals(List.of(text, integer), strict.accepted());
    assertTrue(strict.rejected().get(odd).contains("auto.widen"));
    assertTrue(strict.widenings().isEmpty());

    SchemaPlanner.Plan widening =
        new SchemaPlanner(dialect, true, true, true).plan(TABLE, existing, batch);
    assertEquals(batch, widening.accepted());
    assertEquals(
        List.of(new SchemaPlanner.Widening("a", ColumnType.STRING, 0)), widening.widenings());
  }

  @Test
  void integersWidenToFloatAndFloatToText() {
    Map<String, DbColumn> existing = Map.of("a", DbColumn.of("a", "integer", null));
    SchemaPlanner planner = new SchemaPlanner(dialect, true, true, true);
    assertEquals(
        List.of(new SchemaPlanner.Widening("a", ColumnType.FLOAT64, 0)),
        planner
            .plan(TABLE, existing, List.of(change(Cell.of("a", ColumnType.FLOAT64, 5.5))))
            .widenings());
    assertEquals(
        List.of(new SchemaPlanner.Widening("a", ColumnType.INT64, 0)),
        planner
            .plan(TABLE, existing, List.of(change(Cell.of("a", ColumnType.INT64, 1L << 40))))
            .widenings());
    Map<String, DbColumn> doubles = Map.of("a", DbColumn.of("a", "double precision", null));
    Cell exact = new Cell("a", ColumnType.DECIMAL, 2, new BigDecimal("12345678901234567.89"));
    assertEquals(
        List.of(new SchemaPlanner.Widening("a", ColumnType.STRING, 0)),
        planner.plan(TABLE, doubles, List.of(change(exact))).widenings());
  }
}
