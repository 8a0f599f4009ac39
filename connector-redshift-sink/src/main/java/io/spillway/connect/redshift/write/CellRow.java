package io.spillway.connect.redshift.write;

import io.spillway.connect.common.sink.Cell;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A change's cells by column identifier, in column order, read-only. The columns and their slots
 * are a {@link Layout} shared by every change of the same fields, so a buffered change holds just
 * an array of its cells: a batch holds up to batch.size changes through several young garbage
 * collections, and a LinkedHashMap per change made each of them copy about 0.5 KB more per change.
 */
final class CellRow extends AbstractMap<String, Cell> {
  private final Layout layout;
  private final Cell[] cells;

  CellRow(Layout layout, Cell[] cells) {
    if (cells.length != layout.columns.size()) {
      throw new IllegalArgumentException("one cell per column of the layout");
    }
    this.layout = layout;
    this.cells = cells;
  }

  /** The columns of changes with the same fields: their order and each one's slot. */
  static final class Layout {
    private final List<String> columns;
    private final Map<String, Integer> slots;

    Layout(List<String> columns) {
      this.columns = List.copyOf(columns);
      this.slots = new HashMap<>(columns.size() * 2);
      for (int i = 0; i < columns.size(); i++) {
        if (slots.put(columns.get(i), i) != null) {
          throw new IllegalArgumentException("column " + columns.get(i) + " twice");
        }
      }
    }

    int size() {
      return columns.size();
    }
  }

  @Override
  public Cell get(Object column) {
    Integer slot = layout.slots.get(column);
    return slot == null ? null : cells[slot];
  }

  @Override
  public boolean containsKey(Object column) {
    return layout.slots.containsKey(column);
  }

  @Override
  public int size() {
    return cells.length;
  }

  @Override
  public Set<Entry<String, Cell>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return cells.length;
      }

      @Override
      public Iterator<Entry<String, Cell>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < cells.length;
          }

          @Override
          public Entry<String, Cell> next() {
            if (next >= cells.length) {
              throw new NoSuchElementException();
            }
            int slot = next++;
            return new SimpleImmutableEntry<>(layout.columns.get(slot), cells[slot]);
          }
        };
      }
    };
  }
}
