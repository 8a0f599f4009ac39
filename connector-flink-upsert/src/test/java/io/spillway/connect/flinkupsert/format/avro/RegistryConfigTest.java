package io.spillway.connect.flinkupsert.format.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.TestSchemaRegistry;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {
  private static final ConfigDef DEF = RegistryConfig.define(new ConfigDef());

  private static AbstractConfig config(Map<String, String> props) {
    return new AbstractConfig(DEF, props);
  }

  @Test
  void subjectsDefaultToFlinksTopicKeyAndTopicValue() {
    AbstractConfig config = config(Map.of(RegistryConfig.URL, "http://registry:8081"));
    assertEquals("orders-key", RegistryConfig.keySubjects(config).apply("orders"));
    assertEquals("orders-value", RegistryConfig.valueSubjects(config).apply("orders"));
  }

  @Test
  void subjectOverridesAreFixedNames() {
    AbstractConfig config =
        config(
            Map.of(
                RegistryConfig.URL, "http://registry:8081",
                RegistryConfig.KEY_SUBJECT, "order-key-v2",
                RegistryConfig.VALUE_SUBJECT, "order-value-v2"));
    assertEquals("order-key-v2", RegistryConfig.keySubjects(config).apply("orders"));
    assertEquals("order-value-v2", RegistryConfig.valueSubjects(config).apply("anything"));
  }

  @Test
  void userInfoIsASecretAndReachesTheRegistry() {
    assertEquals(ConfigDef.Type.PASSWORD, DEF.configKeys().get(RegistryConfig.USER_INFO).type);
    try (TestSchemaRegistry registry = new TestSchemaRegistry()) {
      registry.requireBasicAuth("flink", "s3cret");
      AbstractConfig config =
          config(
              Map.of(RegistryConfig.URL, registry.url(), RegistryConfig.USER_INFO, "flink:s3cret"));
      assertEquals("[hidden]", config.values().get(RegistryConfig.USER_INFO).toString());
      RegistryConfig.client(config)
          .register("t-value", SchemaBuilder.record("r").fields().requiredInt("a").endRecord());
      assertEquals(List.of("t-value"), registry.subjects());
    }
  }

  @Test
  void urlIsRequiredOnlyWhenAFormatIsAvroConfluent() {
    AbstractConfig none = config(Map.of());
    assertTrue(RegistryConfig.crossFieldErrors(none, false).isEmpty());
    List<Map.Entry<String, String>> errors = RegistryConfig.crossFieldErrors(none, true);
    assertEquals(1, errors.size());
    assertEquals(RegistryConfig.URL, errors.get(0).getKey());
    assertTrue(errors.get(0).getValue().contains("avro-confluent"));

    assertThrows(ConfigException.class, () -> config(Map.of(RegistryConfig.URL, "registry:8081")));
  }
}
