package io.spillway.connect.kafkasource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** destination.serialization and the connector's converters: checked in validate and at start. */
class DestinationSerializationTest {
  private static final String BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter";
  private static final String JSON = "org.apache.kafka.connect.json.JsonConverter";

  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("topics", "orders");
    props.put("source.bootstrap.servers", "localhost:1");
    props.put("source.connection.check.ms", "0");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  private static List<String> errors(Map<String, String> props) {
    Config result = new KafkaSourceConnector().validate(props);
    return result.configValues().stream()
        .filter(v -> v.name().equals(KafkaSourceConfig.DESTINATION_SERIALIZATION))
        .map(ConfigValue::errorMessages)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void jsonNeedsByteArrayConvertersForKeyAndValue() {
    List<String> errors =
        errors(
            props(
                "destination.serialization", "json",
                "key.converter", BYTES,
                "value.converter", JSON));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors
            .get(0)
            .startsWith(
                "destination.serialization: 'json' writes keys and values as bytes: set key.converter and value.converter"
                    + " to "
                    + BYTES
                    + " on this connector (now key.converter="
                    + BYTES
                    + ", value.converter="
                    + JSON),
        errors.get(0));
    assertEquals(1, errors(props("destination.serialization", "json")).size(), "unset too");
  }

  @Test
  void jsonWithByteArrayConvertersIsValidAndStarts() {
    Map<String, String> props =
        props(
            "destination.serialization",
            "JSON",
            "destination.json.schemas.enable",
            "false",
            "key.converter",
            BYTES,
            "value.converter",
            " " + BYTES);
    assertEquals(List.of(), errors(props));
    KafkaSourceConfig config = new KafkaSourceConfig(props);
    assertEquals(
        KafkaSourceConfig.DestinationSerialization.JSON, config.destinationSerialization());
    assertEquals(false, config.destinationJsonSchemasEnabled());
  }

  @Test
  void typedRowsRefuseByteArrayConverterAndKeepEveryOtherConverter() {
    List<String> errors = errors(props("value.converter", BYTES, "key.converter", JSON));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors
            .get(0)
            .startsWith(
                "destination.serialization: ByteArrayConverter cannot write typed rows: set"));
    assertEquals(List.of(), errors(props("value.converter", JSON, "key.converter", JSON)));
    assertEquals(List.of(), errors(props()), "the worker's converters");
    KafkaSourceConfig config = new KafkaSourceConfig(props());
    assertEquals(
        KafkaSourceConfig.DestinationSerialization.NONE, config.destinationSerialization());
    assertEquals(true, config.destinationJsonSchemasEnabled());
  }

  @Test
  void aConflictAlsoStopsTheConnectorAtStart() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new KafkaSourceConfig(props("destination.serialization", "json")));
    assertTrue(e.getMessage().contains("destination.serialization"), e.getMessage());
  }
}
