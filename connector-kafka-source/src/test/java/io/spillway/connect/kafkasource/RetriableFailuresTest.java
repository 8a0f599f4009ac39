package io.spillway.connect.kafkasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.common.metrics.PluginGauges;
import java.util.List;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class RetriableFailuresTest {
  private final MockTime time = new MockTime(0, 1_000, 0);
  private final RetryBackoff backoff = new RetryBackoff();
  private final RetriableFailures failures =
      new RetriableFailures(backoff, new SourceTaskMetrics(PluginGauges.of(null), List.of()), time);

  @Test
  void connectAndClientRetriableErrorsAreRetriedOthersAreNot() {
    assertTrue(RetriableFailures.isRetriable(new RetriableException("registry down")));
    assertTrue(RetriableFailures.isRetriable(new TimeoutException("no leader")));
    assertFalse(RetriableFailures.isRetriable(new ConnectException("bad credentials")));
  }

  @Test
  void afterARewindOnlyConvertedRecordsEndTheBackoff() {
    failures.failed("registry down", null, true);
    failures.succeeded(false); // an empty poll before the rewound records come back
    assertEquals(1, backoff.failures(), "still backing off");
    failures.succeeded(true);
    assertEquals(0, backoff.failures(), "records converted: healthy again");
  }

  @Test
  void aReachableClusterEndsAnUnreachableClustersBackoff() {
    failures.failed("source cluster unreachable", null, false);
    failures.succeeded(false);
    assertEquals(0, backoff.failures());
  }

  @Test
  void theNextAttemptWaitsForTheBackoffAndStopEndsTheWait() {
    assertTrue(failures.awaitNextAttempt(), "no failure: no wait");
    failures.failed("registry down", null, true);
    time.sleep(RetryBackoff.INITIAL_MS); // the clock already passed the retry time
    assertTrue(failures.awaitNextAttempt());
    failures.failed("registry down", null, true); // now 500 ms ahead of the mock clock
    failures.stop();
    assertFalse(failures.awaitNextAttempt(), "a stopping task does not wait");
  }
}
