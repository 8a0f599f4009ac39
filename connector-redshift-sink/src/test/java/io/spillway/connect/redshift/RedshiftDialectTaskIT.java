package io.spillway.connect.redshift;

import java.util.Map;

/**
 * The task tests again with the Redshift dialect (VARCHAR(65535), multi-row INSERT staging, no ADD
 * COLUMN IF NOT EXISTS) over PostgreSQL's driver. Nested values are VARCHAR here: SUPER and
 * JSON_PARSE exist only on Redshift.
 */
class RedshiftDialectTaskIT extends RedshiftSinkTaskIT {
  @Override
  protected Map<String, String> laneSettings() {
    return Map.of("dialect", "redshift", "nested.as", "varchar");
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
