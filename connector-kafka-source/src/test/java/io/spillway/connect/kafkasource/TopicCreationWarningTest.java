package io.spillway.connect.kafkasource;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicCreationWarningTest {
  @Test
  void aConnectorThatLetsConnectCreateItsTopicsGetsNoWarning() {
    assertNull(
        KafkaSourceConnector.topicCreationWarning(
            Map.of(
                "topic.creation.default.partitions",
                "3",
                "topic.creation.default.replication.factor",
                "-1")));
  }

  @Test
  void withoutTopicCreationTheWarningSaysTheTopicsMustExist() {
    for (Map<String, String> props :
        Map.of(
                "none", Map.<String, String>of(),
                "partitions only", Map.of("topic.creation.default.partitions", "3"))
            .values()) {
      String warning = KafkaSourceConnector.topicCreationWarning(props);
      assertTrue(warning != null && warning.contains("must exist"), String.valueOf(warning));
      assertTrue(warning.contains("topic.creation.default.replication.factor"), warning);
    }
  }
}
