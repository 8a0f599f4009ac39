package io.spillway.connect.kafkasource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  @Test
  void delaysDoubleUpToTheBoundAndResetOnSuccess() {
    RetryBackoff backoff = new RetryBackoff();
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      delays.add(backoff.failed(1_000));
    }
    assertEquals(List.of(250L, 500L, 1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L), delays);
    assertEquals(8, backoff.failures());
    assertEquals(10_000, backoff.remainingMs(1_000));
    assertEquals(4_000, backoff.remainingMs(7_000));
    assertEquals(0, backoff.remainingMs(12_000));

    assertEquals(8, backoff.succeeded());
    assertEquals(0, backoff.failures());
    assertEquals(0, backoff.delayMs());
    assertEquals(0, backoff.remainingMs(1_000));
    assertEquals(250, backoff.failed(5_000), "a new outage starts from the first step");
  }

  @Test
  void aTwentySecondOutageTakesAFewStepsNotThousands() {
    RetryBackoff backoff = new RetryBackoff();
    long now = 0;
    int steps = 0;
    while (now < 20_000) {
      now += backoff.failed(now);
      steps++;
    }
    assertEquals(7, steps); // 250+500+1000+2000+4000+8000+10000 ms
  }
}
