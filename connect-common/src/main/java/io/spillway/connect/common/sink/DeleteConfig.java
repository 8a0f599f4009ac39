package io.spillway.connect.common.sink;

import io.spillway.connect.common.config.ConfigGroups;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Whether tombstones delete ({@code delete.enabled}); {@link Changelog} says what a tombstone is
 * and {@link KeyPicker} names the key a delete removes.
 */
public final class DeleteConfig {
  public static final String DELETE_ENABLED = "delete.enabled";
  public static final boolean DELETE_ENABLED_DEFAULT = false;

  private DeleteConfig() {}

  /**
   * The doc of {@code delete.enabled}, followed by what the sink needs for deletes, e.g. "Needs
   * insert.mode=upsert and pk.mode record_key or record_value."
   */
  public static String deleteEnabledDoc(String requirements) {
    return "Delete the row of a key when a tombstone arrives: a record with a null value, or a"
        + " flattened row marked with the spillway.tombstone header. "
        + requirements
        + " When false, null values are skipped.";
  }

  /** Adds {@code delete.enabled} to {@code group}, after the keys already there. */
  public static ConfigDef define(ConfigDef def, String group, String requirements) {
    return def.define(
        DELETE_ENABLED,
        Type.BOOLEAN,
        DELETE_ENABLED_DEFAULT,
        Importance.MEDIUM,
        deleteEnabledDoc(requirements),
        group,
        ConfigGroups.nextOrder(def, group),
        Width.SHORT,
        "Deletes");
  }

  public static boolean enabled(AbstractConfig config) {
    return config.getBoolean(DELETE_ENABLED);
  }
}
