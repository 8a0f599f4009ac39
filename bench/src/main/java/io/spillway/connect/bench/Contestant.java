package io.spillway.connect.bench;

/**
 * One side of a row: a connector (or loop, or JMH benchmark) that moves the row's data set into a
 * fresh destination. {@link BenchAll} warms each contestant up once, then per repeat calls {@link
 * #run()}, {@link #checkFinalState()} and {@link #reset()}, with a full GC before each run.
 */
public interface Contestant {
  /** Short name in the report, e.g. {@code Debezium JDBC sink 3.6, tuned}. */
  String label();

  /** The settings it runs with, stated in full in the report (documented best, or defaults). */
  String settings();

  /**
   * One unmeasured run on the group's warm-up data (JIT, class loading, first connections), its
   * final state checked and its destination removed, so the first measured variant pays for none of
   * them alone.
   */
  void warmUp() throws Exception;

  /** One measured run over the row's data set into a fresh destination; returns the figure. */
  double run() throws Exception;

  /** Throws unless the destination of the last {@link #run()} holds exactly the final state. */
  void checkFinalState() throws Exception;

  /** Removes what the last run left (connector, destination), so the next run starts alike. */
  default void reset() throws Exception {}

  /**
   * What the measured runs showed besides the figure, one line for the report (e.g. a memory row's
   * heap left after each GC); empty for most contestants.
   */
  default String notes() {
    return "";
  }
}
