package io.spillway.connect.redshift;

import io.spillway.connect.redshift.testing.RedshiftStartupProxy;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The task tests again through Amazon's Redshift JDBC driver (jdbc:redshift:// URL, so the Redshift
 * dialect), reaching PostgreSQL through a proxy that drops the startup parameters PostgreSQL
 * refuses. Nested values are VARCHAR: SUPER and JSON_PARSE exist only on Redshift.
 */
class RedshiftDriverTaskIT extends RedshiftSinkTaskIT {
  private static final RedshiftStartupProxy PROXY = new RedshiftStartupProxy(WAREHOUSE.port());

  @AfterAll
  static void stopProxy() {
    PROXY.close();
  }

  @Override
  protected String url(String database) {
    return PROXY.jdbcUrl(database);
  }

  @Override
  protected Map<String, String> laneSettings() {
    return Map.of("nested.as", "varchar");
  }

  @Override
  protected int longFieldLength() {
    return 60;
  }

  @Override
  protected String stringType() {
    return "character varying";
  }
}
