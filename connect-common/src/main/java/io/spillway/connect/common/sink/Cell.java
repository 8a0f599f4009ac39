package io.spillway.connect.common.sink;

import java.util.Objects;

/**
 * One column of a sink row: the field name as the record has it, its type, and the value in its
 * Java form (Boolean, Short, Integer, Long, Float, Double, BigDecimal, String, byte[],
 * java.util.Date, JSON text; TIMESTAMP and TIME cells finer than milliseconds hold a
 * java.time.Instant or java.time.LocalTime). {@code scale} only matters for DECIMAL.
 */
public record Cell(String name, ColumnType type, int scale, Object value) {
  public Cell {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  public static Cell of(String name, ColumnType type, Object value) {
    return new Cell(name, type, 0, value);
  }
}
