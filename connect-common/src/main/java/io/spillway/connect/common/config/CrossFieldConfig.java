package io.spillway.connect.common.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A plugin config with rules that involve several settings. A task or connector start fails on the
 * first broken rule; a connector's {@code validate} reports every broken rule on the key to fix,
 * next to ConfigDef's own per-key results.
 */
public abstract class CrossFieldConfig extends AbstractConfig {

  /**
   * @param check whether to fail on {@link #crossFieldErrors()}; {@code false} lets a connector's
   *     {@code validate} report every problem at once, each on its own key
   */
  protected CrossFieldConfig(ConfigDef definition, Map<?, ?> props, boolean check) {
    super(definition, props);
    if (check) {
      List<Map.Entry<String, String>> errors = crossFieldErrors();
      if (!errors.isEmpty()) {
        throw new ConfigException(errors.get(0).getKey() + ": " + errors.get(0).getValue());
      }
    }
  }

  /**
   * Problems that involve several settings, as (key to fix, message) pairs; empty when consistent.
   * Subclasses add their own rules to the list their parent returns.
   */
  public List<Map.Entry<String, String>> crossFieldErrors() {
    return new ArrayList<>();
  }

  /** Adds {@link #crossFieldErrors()} to the per-key results of {@code ConfigDef.validate}. */
  public void attachCrossFieldErrors(Map<String, ConfigValue> results) {
    for (Map.Entry<String, String> error : crossFieldErrors()) {
      ConfigValue value = results.get(error.getKey());
      if (value != null) {
        value.addErrorMessage(error.getValue());
      }
    }
  }

  /**
   * A connector's {@code validate}: the per-key result, plus the cross-field errors once every key
   * is valid on its own (before that, the accessors the rules use could not read the values).
   */
  public static Config withCrossFieldErrors(
      Config perKey, Supplier<? extends CrossFieldConfig> unchecked) {
    boolean singleKeyErrors =
        perKey.configValues().stream().anyMatch(value -> !value.errorMessages().isEmpty());
    if (!singleKeyErrors) {
      Map<String, ConfigValue> byName = new HashMap<>();
      perKey.configValues().forEach(value -> byName.put(value.name(), value));
      unchecked.get().attachCrossFieldErrors(byName);
    }
    return perKey;
  }
}
