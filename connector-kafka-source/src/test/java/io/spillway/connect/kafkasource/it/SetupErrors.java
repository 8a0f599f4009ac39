package io.spillway.connect.kafkasource.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.kafkasource.KafkaSourceConnector;
import io.spillway.connect.testkit.ConnectRestError;
import io.spillway.connect.testkit.ConnectorValidation;
import io.spillway.connect.testkit.EmbeddedConnect;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where a setup mistake must surface, each time as the same one line naming the setting. */
final class SetupErrors {
  private SetupErrors() {}

  /**
   * {@code validate} reports exactly {@code message} (which starts with the key) on {@code key}.
   */
  static void assertOnlyError(
      EmbeddedConnect connect, Map<String, String> config, String key, String message) {
    Map<String, String> named = new HashMap<>(config);
    named.put("name", "validate-only");
    ConnectorValidation validation = connect.validate(KafkaSourceConnector.class.getName(), named);
    assertEquals(List.of(key + ": " + message), validation.errors());
    assertEquals(1, validation.errorCount());
  }

  /** {@code POST /connectors} answers 400 with the message, key included. */
  static void assertRejected(
      EmbeddedConnect connect, String name, Map<String, String> config, String message) {
    ConnectRestError rejected =
        assertThrows(ConnectRestError.class, () -> connect.createConnector(name, config));
    assertEquals(400, rejected.status(), rejected.getMessage());
    // The worker's JSON writer escapes ' as \u0027.
    assertTrue(
        rejected.getMessage().replace("\\u0027", "'").contains(message), rejected.getMessage());
  }

  /** The first line of a FAILED connector's trace: the exception and its message. */
  static String failure(EmbeddedConnect connect, String name) {
    return connect.awaitConnectorFailed(name).lines().findFirst().orElseThrow();
  }
}
