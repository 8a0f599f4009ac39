package io.spillway.connect.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
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
        throw new ConfigKeyException(errors.get(0).getKey(), errors.get(0).getValue());
      }
    }
  }

  /**
   * Problems that involve several settings, as (key to fix, problem) pairs, the problem without the
   * key (it is prefixed where the message surfaces); empty when consistent. Subclasses add their
   * own rules to the list their parent returns.
   */
  public List<Map.Entry<String, String>> crossFieldErrors() {
    return new ArrayList<>();
  }

  /**
   * A connector's {@code validate}: the per-key result, plus the cross-field errors once every key
   * is valid on its own (before that, the accessors the rules use could not read the values).
   */
  public static Config withCrossFieldErrors(
      Config perKey, Supplier<? extends CrossFieldConfig> unchecked) {
    return hasErrors(perKey) ? perKey : withErrors(perKey, unchecked.get().crossFieldErrors());
  }

  /** Whether some key of a {@code validate} result has an error. */
  public static boolean hasErrors(Config result) {
    return result.configValues().stream().anyMatch(value -> !value.errorMessages().isEmpty());
  }

  /**
   * {@code result} with (key, problem) {@code errors} added, each message starting with its key:
   * Connect's answer to a rejected {@code POST /connectors} lists the messages without their keys.
   * A key ConfigDef does not know (a passthrough setting such as {@code
   * source.admin.sasl.jaas.config}) gets a result of its own.
   */
  public static Config withErrors(Config result, List<Map.Entry<String, String>> errors) {
    if (errors.isEmpty()) {
      return result;
    }
    Map<String, ConfigValue> byName = new LinkedHashMap<>();
    result.configValues().forEach(value -> byName.put(value.name(), value));
    for (Map.Entry<String, String> error : errors) {
      byName
          .computeIfAbsent(error.getKey(), ConfigValue::new)
          .addErrorMessage(error.getKey() + ": " + error.getValue());
    }
    return new Config(new ArrayList<>(byName.values()));
  }
}
