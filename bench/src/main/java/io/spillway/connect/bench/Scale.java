package io.spillway.connect.bench;

/**
 * How big a run is: {@code full} (the sizes the rows state), {@code quick} (1/10) or a smoke run
 * (any smaller fraction, e.g. a few hundred records to prove every row still works).
 */
record Scale(String name, double factor) {
  static final Scale FULL = new Scale("full", 1.0);
  static final Scale QUICK = new Scale("quick", 0.1);

  /** Below this fraction a run only proves the rows work: JMH gets minimal iterations too. */
  private static final double SMOKE_BELOW = 0.01;

  static Scale of(double factor) {
    if (factor == 1.0) {
      return FULL;
    }
    if (factor == 0.1) {
      return QUICK;
    }
    return new Scale(factor < SMOKE_BELOW ? "smoke" : "custom", factor);
  }

  /** {@code full} records at this scale, at least 100. */
  long records(long full) {
    return Math.max(100, Math.round(full * factor));
  }

  int records(int full) {
    return (int) records((long) full);
  }

  boolean smoke() {
    return factor < SMOKE_BELOW;
  }
}
