package io.spillway.connect.redshift.it;

import io.spillway.connect.redshift.RedshiftSinkConfig;
import io.spillway.connect.redshift.RedshiftSinkConnector;
import io.spillway.connect.testkit.ConfigExamplesCheck;
import java.util.Map;

/** The Redshift sink examples of {@code config-examples/redshift-sink}, as every connector's. */
class ConfigExamplesIT extends ConfigExamplesCheck {
  ConfigExamplesIT() {
    super("redshift-sink", RedshiftSinkConnector.class.getName(), "connector-redshift-sink", 4);
  }

  @Override
  protected Map<String, String> environment() {
    return Map.of(
        "REDSHIFT_JDBC_URL",
        "jdbc:redshift://analytics.abc123xyz789.us-east-1.redshift.amazonaws.com:5439/dev",
        "REDSHIFT_USER",
        "spillway_loader",
        "REDSHIFT_PASSWORD",
        "correct-horse-battery-staple",
        "POSTGRES_JDBC_URL",
        "jdbc:postgresql://db.example.com:5432/analytics",
        "POSTGRES_USER",
        "spillway",
        "POSTGRES_PASSWORD",
        "tr0ub4dor&3");
  }

  /** A task's config accepts the settings too (it throws on what it refuses). */
  @Override
  protected void afterValidate(String file, Map<String, String> config) {
    new RedshiftSinkConfig(config);
  }
}
