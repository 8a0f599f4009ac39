package io.spillway.connect.tablestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.tablestore.write.ErrorProducer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** runtime.error.mode=kafka: the producer settings, and validation naming the key to fix. */
class ErrorProducerConfigTest {

  static Map<String, String> kafkaMode() {
    Map<String, String> props = TablestoreSinkConfigTest.aliyunMinimal();
    props.put("runtime.error.tolerance", "all");
    props.put("runtime.error.mode", "kafka");
    props.put("runtime.error.bootstrap.servers", "broker1:9092,broker2:9092");
    props.put("runtime.error.topic.name", "tablestore-errors");
    return props;
  }

  /** The messages validate gives for {@code key}. */
  static List<String> errorsOn(Map<String, String> props, String key) {
    return new TablestoreSinkConnector()
        .validate(props).configValues().stream()
            .filter(value -> value.name().equals(key))
            .flatMap(value -> value.errorMessages().stream())
            .toList();
  }

  static boolean valid(Map<String, String> props) {
    return new TablestoreSinkConnector()
        .validate(props).configValues().stream()
            .map(ConfigValue::errorMessages)
            .allMatch(List::isEmpty);
  }

  @Test
  void durabilityAndSecuritySettings() {
    Map<String, String> props = kafkaMode();
    props.put("runtime.error.producer.security.protocol", "SASL_SSL");
    props.put("runtime.error.producer.sasl.mechanism", "PLAIN");
    props.put(
        "runtime.error.producer.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
            + " password=\"p\";");
    assertTrue(valid(props));
    Map<String, Object> producer =
        ErrorProducer.properties(new TablestoreSinkConfig(props), "client-1");
    assertEquals("broker1:9092,broker2:9092", producer.get("bootstrap.servers"));
    assertEquals("all", producer.get("acks"));
    assertEquals(true, producer.get("enable.idempotence"));
    assertEquals("SASL_SSL", producer.get("security.protocol"));
    assertTrue(producer.get("sasl.jaas.config") instanceof Password, "masked in logs");
  }

  @Test
  void weakerAcksOrNoIdempotenceAreRefused() {
    Map<String, String> props = kafkaMode();
    props.put("runtime.error.producer.acks", "1");
    assertEquals(1, errorsOn(props, "runtime.error.producer.acks").size());
    props.put("runtime.error.producer.acks", "all");
    props.put("runtime.error.producer.enable.idempotence", "false");
    assertEquals(1, errorsOn(props, "runtime.error.producer.enable.idempotence").size());
  }

  @Test
  void aValueTheProducerRejectsIsAValidationErrorOnItsKey() {
    Map<String, String> props = kafkaMode();
    props.put("runtime.error.producer.linger.ms", "soon");
    List<String> errors = errorsOn(props, "runtime.error.producer.linger.ms");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("soon"), errors.get(0));
  }

  @Test
  void theClusterAndTopicAreRequired() {
    Map<String, String> props = kafkaMode();
    props.remove("runtime.error.bootstrap.servers");
    props.remove("runtime.error.topic.name");
    assertEquals(1, errorsOn(props, "runtime.error.bootstrap.servers").size());
    assertEquals(1, errorsOn(props, "runtime.error.topic.name").size());
  }
}
