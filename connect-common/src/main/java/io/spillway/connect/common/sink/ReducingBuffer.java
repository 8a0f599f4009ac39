package io.spillway.connect.common.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Buffers changes for one destination table, reducing them by primary key: a later change of a key
 * replaces the earlier one (so a delete after an insert wins, and an insert after a delete restores
 * the row). Changes without a key are kept in arrival order. Not thread-safe.
 *
 * @param <C> the change type
 */
public final class ReducingBuffer<C> {
  // Access order: putting a key again moves it to the end, in one hash lookup.
  private final Map<List<Object>, C> byKey = new LinkedHashMap<>(16, 0.75f, true);
  private final List<C> unkeyed = new ArrayList<>();
  private long received;

  /**
   * Adds a change; a null key means the change is kept as it is, never merged.
   *
   * @return the change of the same key this one replaced, or null (callers that settle records per
   *     change hand the replaced change's records on to the new one)
   */
  public C add(List<Object> key, C change) {
    received++;
    if (key == null) {
      unkeyed.add(change);
      return null;
    }
    return byKey.put(key, change);
  }

  /** Changes left after reduction, keyed ones in the order their last change arrived. */
  public List<C> changes() {
    List<C> all = new ArrayList<>(byKey.size() + unkeyed.size());
    all.addAll(byKey.values());
    all.addAll(unkeyed);
    return all;
  }

  /** Drops the changes the predicate selects, e.g. those of partitions no longer assigned. */
  public void removeIf(Predicate<C> predicate) {
    byKey.values().removeIf(predicate);
    unkeyed.removeIf(predicate);
  }

  /** Removes exactly these changes (identity), e.g. once they are written. */
  public void removeAll(Collection<C> written) {
    Set<C> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(written);
    removeIf(gone::contains);
  }

  public int size() {
    return byKey.size() + unkeyed.size();
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** Changes added since the buffer was last cleared, before reduction. */
  public long received() {
    return received;
  }

  public void clear() {
    byKey.clear();
    unkeyed.clear();
    received = 0;
  }
}
