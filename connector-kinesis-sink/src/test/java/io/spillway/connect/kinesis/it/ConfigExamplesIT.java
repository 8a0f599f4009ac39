package io.spillway.connect.kinesis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spillway.connect.kinesis.KinesisSinkConfig;
import io.spillway.connect.kinesis.KinesisSinkConnector;
import io.spillway.connect.testkit.ConfigExamplesCheck;
import java.util.Map;

/** The Kinesis sink examples of {@code config-examples/kinesis-sink}, as every connector's. */
class ConfigExamplesIT extends ConfigExamplesCheck {
  ConfigExamplesIT() {
    super("kinesis-sink", KinesisSinkConnector.class.getName(), "connector-kinesis-sink", 3);
  }

  @Override
  protected Map<String, String> environment() {
    return Map.of(
        "KINESIS_REGION",
        "eu-west-1",
        "KINESIS_ACCESS_KEY_ID",
        "AKIAIOSFODNN7EXAMPLE",
        "KINESIS_SECRET_ACCESS_KEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "KINESIS_ROLE_ARN",
        "arn:aws:iam::123456789012:role/spillway-kinesis-writer",
        "KINESIS_ROLE_EXTERNAL_ID",
        "spillway-7f3c2a",
        "KINESIS_STREAM",
        "clickstream");
  }

  /** The KPL settings a task builds from the config are valid too. */
  @Override
  protected void afterValidate(String file, Map<String, String> config) {
    assertEquals(Map.of(), new KinesisSinkConfig(config).kpl().errors(), file);
  }
}
