package io.spillway.connect.redshift.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.sink.Cell;
import io.spillway.connect.common.sink.ColumnType;
import io.spillway.connect.redshift.RedshiftSinkConfig.NestedAs;
import io.spillway.connect.redshift.dialect.DbColumn;
import io.spillway.connect.redshift.dialect.RedshiftDialect;
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
  void newTableTakesTheWidestTypeOfEachField() {
    SchemaPlanner.Plan plan =
        new SchemaPlanner(dialect, true, true)
            .plan(
                TABLE,
                null,
                List.of(
                    change(Cell.of("a", ColumnType.INT64, 1L), Cell.of("b", ColumnType.INT32, 1)),
                    change(
                        Cell.of("a", ColumnType.FLOAT64, 1.5), Cell.of("b", ColumnType.INT64, 2L)),
                    change(Cell.of("c", ColumnType.UNKNOWN, null))));
    assertTrue(plan.createTable());
    assertEquals(
        List.of("DOUBLE PRECISION", "BIGINT"),
        plan.newColumns().stream().map(DbColumn::dataType).toList());
    assertEquals(3, plan.accepted().size());
  }

  @Test
  void misfitsAreRejectedWithAReasonAndTheRestAccepted() {
    Map<String, DbColumn> existing = new LinkedHashMap<>();
    existing.put("a", DbColumn.of("a", "bigint", null));
    Change good = change(Cell.of("a", ColumnType.INT64, 1L), Cell.of("n", ColumnType.STRING, "x"));
    Change bad = change(Cell.of("a", ColumnType.STRING, "one"));

    SchemaPlanner.Plan plan =
        new SchemaPlanner(dialect, true, true).plan(TABLE, existing, List.of(good, bad));

    assertEquals(List.of(good), plan.accepted());
    assertTrue(plan.rejected().get(bad).contains("column \"a\" (bigint)"));
    assertEquals(List.of("n"), plan.newColumns().stream().map(DbColumn::name).toList());
  }

  @Test
  void withoutEvolutionNewFieldsAreRejected() {
    Map<String, DbColumn> existing = Map.of("a", DbColumn.of("a", "bigint", null));
    Change change = change(Cell.of("b", ColumnType.INT64, 1L));
    SchemaPlanner.Plan plan =
        new SchemaPlanner(dialect, true, false).plan(TABLE, existing, List.of(change));
    assertTrue(plan.rejected().get(change).contains("auto.evolve is false"));
    assertThrows(
        ConnectException.class,
        () -> new SchemaPlanner(dialect, false, true).plan(TABLE, null, List.of(change)));
  }
}
