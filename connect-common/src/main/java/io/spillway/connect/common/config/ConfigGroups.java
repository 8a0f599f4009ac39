package io.spillway.connect.common.config;

import org.apache.kafka.common.config.ConfigDef;

/** Helpers for config fragments that add keys to a group a plugin (or another fragment) started. */
public final class ConfigGroups {
  private ConfigGroups() {}

  /**
   * The next free position in a group, so a fragment's keys follow the keys already defined there
   * (documentation and UIs list a group's keys in this order).
   */
  public static int nextOrder(ConfigDef def, String group) {
    return 1
        + (int) def.configKeys().values().stream().filter(key -> group.equals(key.group)).count();
  }
}
