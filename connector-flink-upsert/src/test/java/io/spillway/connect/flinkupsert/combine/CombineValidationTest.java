package io.spillway.connect.flinkupsert.combine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombineValidationTest {
  @Test
  void rangeAssignmentOrTheDefaultIsFineAnythingElseSaysWhatToSet() {
    assertNull(CombineValidation.strategyProblem(null));
    assertNull(CombineValidation.strategyProblem(CombineValidation.RANGE_ASSIGNOR));
    assertNull(
        CombineValidation.strategyProblem(
            CombineValidation.RANGE_ASSIGNOR
                + ",org.apache.kafka.clients.consumer.CooperativeStickyAssignor"));
    String problem =
        CombineValidation.strategyProblem(
            "org.apache.kafka.clients.consumer.RoundRobinAssignor,"
                + CombineValidation.RANGE_ASSIGNOR);
    assertTrue(
        problem.contains(
            "set consumer.override.partition.assignment.strategy="
                + "org.apache.kafka.clients.consumer.RangeAssignor"),
        problem);
  }

  @Test
  void needsOneTargetJsonValuesAndListedTopics() {
    List<Map.Entry<String, String>> errors =
        CombineValidation.settingProblems(
            Map.of("topics.regex", "orders|shipments"), "", "avro-confluent", "avro-confluent");
    assertEquals(
        List.of("target.topic", "value.format", "key.format", "topics.regex"),
        errors.stream().map(Map.Entry::getKey).toList());
    assertTrue(
        CombineValidation.settingProblems(
                Map.of("topics", "orders,shipments"), "order-events", "json", "json")
            .isEmpty());
  }
}
