package io.spillway.connect.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class RedshiftSinkConnectorTest {

  private static Map<String, List<String>> errors(String... settings) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", "jdbc:redshift://localhost:5439/dev");
    for (int i = 0; i < settings.length; i += 2) {
      props.put(settings[i], settings[i + 1]);
    }
    return new RedshiftSinkConnector()
        .validate(props).configValues().stream()
            .filter(value -> !value.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void aPlainInsertConfigIsValid() {
    assertEquals(Map.of(), errors());
  }

  @Test
  void crossFieldRulesNameTheKeyToFix() {
    assertTrue(errors("insert.mode", "upsert").containsKey("pk.mode"));
    Map<String, List<String>> deletes = errors("delete.enabled", "true", "pk.mode", "kafka");
    assertTrue(deletes.containsKey("insert.mode"));
    assertTrue(deletes.containsKey("pk.mode"));
    assertTrue(errors("pk.mode", "record_value").containsKey("pk.fields"));
    assertTrue(errors("pk.mode", "kafka", "pk.fields", "a,b").containsKey("pk.fields"));
  }

  @Test
  void urlsOfOtherDatabasesAreRefused() {
    assertTrue(errors("connection.url", "jdbc:mysql://x/db").containsKey("connection.url"));
  }
}
