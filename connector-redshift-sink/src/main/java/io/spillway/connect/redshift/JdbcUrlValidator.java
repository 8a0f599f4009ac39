package io.spillway.connect.redshift;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts the JDBC URLs of the two drivers the sink bundles, and tells them apart. */
final class JdbcUrlValidator implements ConfigDef.Validator {
  static final String REDSHIFT_PREFIX = "jdbc:redshift:";
  static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

  /** Whether the URL is one for Amazon's Redshift driver (else PostgreSQL's). */
  static boolean isRedshift(String url) {
    return url.trim().startsWith(REDSHIFT_PREFIX);
  }

  @Override
  public void ensureValid(String name, Object value) {
    String url = value == null ? "" : value.toString().trim();
    if (!isRedshift(url) && !url.startsWith(POSTGRESQL_PREFIX)) {
      throw new ConfigException(
          name, value, "must start with jdbc:redshift:// or jdbc:postgresql://");
    }
  }

  @Override
  public String toString() {
    return "jdbc:redshift://... or jdbc:postgresql://...";
  }
}
