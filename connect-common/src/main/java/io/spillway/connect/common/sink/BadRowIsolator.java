package io.spillway.connect.common.sink;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Writes a batch that the destination may refuse as a whole for one bad row: on a row error the
 * batch is split in halves, each written on its own, until every bad row is alone; those are
 * rejected (e.g. to the error policy) and every other row is still written. Costs about {@code 2 *
 * bad * log2(size)} extra writes. Any other error propagates, with the rows not yet written left to
 * the caller.
 */
public final class BadRowIsolator {
  /** Writes a list of rows as one unit: all of them or, on an exception, none. */
  @FunctionalInterface
  public interface Write<T, E extends Exception> {
    void write(List<T> rows) throws E;
  }

  private BadRowIsolator() {}

  /**
   * @param write writes a sublist as one unit
   * @param rowError true for an error that blames the data of some row in the sublist (e.g. a SQL
   *     data exception), false for an error of the destination (connection lost), which propagates
   * @param reject takes a row that fails alone, with its error
   */
  public static <T, E extends Exception> void write(
      List<T> rows, Write<T, E> write, Predicate<? super E> rowError, BiConsumer<T, E> reject)
      throws E {
    if (rows.isEmpty()) {
      return;
    }
    try {
      write.write(rows);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Write.write throws only E besides runtime exceptions.
      @SuppressWarnings("unchecked")
      E error = (E) e;
      if (!rowError.test(error)) {
        throw error;
      }
      if (rows.size() == 1) {
        reject.accept(rows.get(0), error);
        return;
      }
      int half = rows.size() / 2;
      write(List.copyOf(rows.subList(0, half)), write, rowError, reject);
      write(List.copyOf(rows.subList(half, rows.size())), write, rowError, reject);
    }
  }
}
