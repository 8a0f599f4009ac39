package io.spillway.connect.redshift;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts the JDBC URLs of the two drivers the sink bundles. */
final class JdbcUrlValidator implements ConfigDef.Validator {
  static final String REDSHIFT_PREFIX = "jdbc:redshift:";
  static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

  @Override
  public void ensureValid(String name, Object value) {
    String url = value == null ? "" : value.toString().trim();
    if (!url.startsWith(REDSHIFT_PREFIX) && !url.startsWith(POSTGRESQL_PREFIX)) {
      throw new ConfigException(
          name, value, "must start with jdbc:redshift:// or jdbc:postgresql://");
    }
  }

  @Override
  public String toString() {
    return "jdbc:redshift://... or jdbc:postgresql://...";
  }
}
