package io.spillway.connect.transforms;

import io.spillway.connect.common.config.EnumValidator;
import io.spillway.connect.common.flatten.FlattenConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The Flatten SMT's settings: the shared {@code flatten.*} fragment plus the output key. */
public final class FlattenTransformConfig extends FlattenConfig {
  public static final String GROUP = "Output";

  /** Which key the flattened record carries. */
  public enum OutputKey {
    /** The {partition, offset} struct of the source record: upserts make replays idempotent. */
    POSITION,
    /** The record's key as it arrived. */
    ORIGINAL
  }

  public static final String OUTPUT_KEY = "flatten.output.key";
  public static final String OUTPUT_KEY_DEFAULT = "position";
  public static final String OUTPUT_KEY_DOC =
      "'position' makes the key the {partition, offset} struct of the source record, so a sink in"
          + " upsert mode writes replays idempotently; 'original' keeps the record's own key.";

  public static final ConfigDef CONFIG_DEF =
      FlattenConfig.define(new ConfigDef())
          .define(
              OUTPUT_KEY,
              Type.STRING,
              OUTPUT_KEY_DEFAULT,
              EnumValidator.of(OutputKey.class),
              Importance.MEDIUM,
              OUTPUT_KEY_DOC,
              GROUP,
              1,
              Width.SHORT,
              "Output key");

  public FlattenTransformConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
  }

  public OutputKey outputKey() {
    return EnumValidator.parse(OutputKey.class, getString(OUTPUT_KEY));
  }
}
