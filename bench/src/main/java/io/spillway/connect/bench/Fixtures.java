package io.spillway.connect.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The environments one group of rows shares (clusters, database, produced topics), made on first
 * use and closed, newest first, when the group is done.
 */
final class Fixtures implements AutoCloseable {
  private final Map<Class<?>, AutoCloseable> made = new LinkedHashMap<>();

  /** The fixture of that type, made by {@code create} the first time. */
  <F extends AutoCloseable> F get(Class<F> type, Callable<F> create) throws Exception {
    AutoCloseable fixture = made.get(type);
    if (fixture == null) {
      fixture = create.call();
      made.put(type, fixture);
    }
    return type.cast(fixture);
  }

  @Override
  public void close() {
    List<AutoCloseable> newestFirst = new ArrayList<>(made.values());
    java.util.Collections.reverse(newestFirst);
    RuntimeException failure = null;
    for (AutoCloseable fixture : newestFirst) {
      try {
        fixture.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Cannot tear a bench fixture down", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    made.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
