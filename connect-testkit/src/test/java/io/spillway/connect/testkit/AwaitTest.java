package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void returnsFirstAcceptedValue() {
    AtomicInteger calls = new AtomicInteger();
    int value =
        Await.value(Duration.ofSeconds(5), "third call", calls::incrementAndGet, n -> n >= 3);
    assertEquals(3, value);
  }

  @Test
  void timeoutNamesDescriptionLastStateAndError() {
    AtomicInteger calls = new AtomicInteger();
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () ->
                Await.until(
                    Duration.ofMillis(100),
                    "the moon",
                    () -> false,
                    () -> "state#" + calls.incrementAndGet()));
    assertTrue(error.getMessage().contains("the moon"), error.getMessage());
    assertTrue(error.getMessage().contains("state#"), error.getMessage());

    AssertionError thrown =
        assertThrows(
            AssertionError.class,
            () ->
                Await.value(
                    Duration.ofMillis(50),
                    "a value",
                    () -> {
                      throw new IllegalStateException("not yet");
                    }));
    assertTrue(thrown.getMessage().contains("not yet"), thrown.getMessage());
    assertTrue(thrown.getCause() instanceof IllegalStateException);
  }
}
