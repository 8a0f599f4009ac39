package io.spillway.connect.flinkcompat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * A changelog of orders keyed by (tenant, id) as Flink rows: inserts, updates of some keys, deletes
 * of others, a key deleted and inserted again; and, independently, the final table it must leave.
 * Timestamps cover a whole, a trailing-zero ({@code .5}) and a full ({@code .678}) fraction, notes
 * are sometimes null.
 */
final class OrderChanges {
  /** Flink SQL columns, in row order; primary key (tenant, id). */
  static final String COLUMNS =
      "tenant STRING, id BIGINT, status STRING, amount DECIMAL(10, 2), created TIMESTAMP(3),"
          + " note STRING";

  static final List<String> PRIMARY_KEY = List.of("tenant", "id");

  final List<Row> changes = new ArrayList<>();
  private final Map<List<Object>, List<Object>> table = new LinkedHashMap<>();

  /** {@code keysPerTenant} ids for tenants t1 and t2, deterministic for {@code seed}. */
  static OrderChanges generate(int keysPerTenant, long seed) {
    Random random = new Random(seed);
    OrderChanges orders = new OrderChanges();
    LocalDateTime start = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
    int n = 0;
    for (String tenant : List.of("t1", "t2")) {
      for (long id = 1; id <= keysPerTenant; id++) {
        LocalDateTime created = start.plusNanos(500_000_000L * (n % 3) + 678_000_000L * (n % 2));
        String note = id % 2 == 0 ? null : "first \"order\" of " + tenant;
        orders.apply(RowKind.INSERT, tenant, id, "new", cents(random), created, note);
        n++;
      }
    }
    List<List<Object>> keys = new ArrayList<>(orders.table.keySet());
    for (int i = 0; i < keys.size(); i++) {
      List<Object> row = orders.table.get(keys.get(i));
      if (i % 3 == 0) {
        LocalDateTime created = ((LocalDateTime) row.get(4)).plusSeconds(60);
        orders.apply(
            RowKind.UPDATE_AFTER,
            row.get(0),
            row.get(1),
            "paid",
            cents(random),
            created,
            "updated");
      } else if (i % 5 == 1) {
        orders.apply(RowKind.DELETE, row.toArray());
      }
    }
    // Deleted, then back: the final row is the second insert.
    List<Object> back = orders.table.get(keys.get(3));
    orders.apply(RowKind.DELETE, back.toArray());
    orders.apply(
        RowKind.INSERT,
        back.get(0),
        back.get(1),
        "restored",
        new BigDecimal("0.10"),
        back.get(4),
        null);
    return orders;
  }

  private static BigDecimal cents(Random random) {
    return BigDecimal.valueOf(random.nextInt(1_000_000), 2);
  }

  private void apply(RowKind kind, Object... values) {
    changes.add(Row.ofKind(kind, values));
    List<Object> key = List.of(values[0], values[1]);
    if (kind == RowKind.DELETE) {
      table.remove(key);
    } else {
      table.put(key, Arrays.asList(values));
    }
  }

  /** The final table, one row per key in column order, sorted by (tenant, id). */
  List<List<Object>> finalTable() {
    List<List<Object>> rows = new ArrayList<>(table.values());
    rows.sort(FlinkUpsertTables.byColumns(List.of(0, 1)));
    return rows;
  }

  /** The number of deletes in the changelog. */
  long deletes() {
    return changes.stream().filter(row -> row.getKind() == RowKind.DELETE).count();
  }
}
