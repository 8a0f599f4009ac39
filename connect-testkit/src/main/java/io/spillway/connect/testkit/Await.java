package io.spillway.connect.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polling helpers for asynchronous test conditions (connectors, consumers, HTTP servers).
 *
 * <p>Unlike a bare sleep loop, a timeout names what was awaited and what was last seen, so a
 * failing CI log says "connector 'x' RUNNING with 2 tasks; last: {FAILED ...}" rather than
 * "expected true". Exceptions thrown by the probe count as "not yet" (the resource may still be
 * starting); the last one is attached as the cause of the failure.
 */
public final class Await {

  private static final long FIRST_PAUSE_MS = 10;
  private static final long MAX_PAUSE_MS = 250;

  private Await() {}

  /** Waits until {@code condition} is true or fails after {@code timeout}. */
  public static void until(Duration timeout, String description, BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    value(timeout, description, condition::getAsBoolean, Boolean::booleanValue);
  }

  /**
   * Waits until {@code condition} is true; on timeout the message includes {@code state.get()}, so
   * the failure shows what the condition was looking at.
   */
  public static void until(
      Duration timeout, String description, BooleanSupplier condition, Supplier<?> state) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(state, "state");
    Object[] lastState = {null};
    value(
        timeout,
        description,
        () -> {
          boolean done = condition.getAsBoolean();
          lastState[0] = done ? null : state.get();
          return done;
        },
        Boolean::booleanValue,
        ignored -> String.valueOf(lastState[0]));
  }

  /** Polls {@code supplier} until it returns a non-null value and returns that value. */
  public static <T> T value(Duration timeout, String description, Supplier<T> supplier) {
    return value(timeout, description, supplier, Objects::nonNull);
  }

  /** Polls {@code supplier} until {@code accept} holds for its value and returns that value. */
  public static <T> T value(
      Duration timeout, String description, Supplier<T> supplier, Predicate<? super T> accept) {
    return value(timeout, description, supplier, accept, String::valueOf);
  }

  /**
   * Like {@link #value(Duration, String, Supplier, Predicate)}, with {@code describe} rendering the
   * last observed value in the failure message (e.g. a size and a summary instead of a huge list).
   */
  public static <T> T value(
      Duration timeout,
      String description,
      Supplier<T> supplier,
      Predicate<? super T> accept,
      Function<? super T, String> describe) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(supplier, "supplier");
    Objects.requireNonNull(accept, "accept");
    Objects.requireNonNull(describe, "describe");
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_MS;
    T last = null;
    boolean observed = false;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = supplier.get();
        observed = true;
        lastError = null;
        if (accept.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMs <= 0) {
        String seen = observed ? describe.apply(last) : "nothing (every probe threw)";
        String message =
            "Timed out after " + timeout + " awaiting " + description + "; last observed: " + seen;
        if (lastError != null) {
          message += "; last error: " + lastError;
        }
        throw new AssertionError(message, lastError);
      }
      sleep(Math.min(pause, remainingMs));
      // Back off so long waits do not hammer REST endpoints, but short waits stay snappy.
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting", e);
    }
  }
}
