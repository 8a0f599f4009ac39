package io.spillway.connect.docs;

import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * The kinds of Connect plugin, each configured under a different prefix. The reference says which
 * prefix applies, because "set {@code flatten.delimiter}" means {@code
 * transforms.<alias>.flatten.delimiter} for a transform but the bare key for a connector.
 */
enum PluginKind {
  CONNECTOR(
      Connector.class,
      "connector",
      "Set `connector.class=%s`; the properties below go in the same connector configuration."),
  TRANSFORMATION(
      Transformation.class,
      "transform",
      "Add an alias to the connector's `transforms` list and set `transforms.<alias>.type=%s`;"
          + " the properties below are set as `transforms.<alias>.<property>`."),
  PREDICATE(
      Predicate.class,
      "predicate",
      "Add an alias to the connector's `predicates` list and set `predicates.<alias>.type=%s`;"
          + " the properties below are set as `predicates.<alias>.<property>`."),
  CONVERTER(
      Converter.class,
      "converter",
      "Set `key.converter=%s` or `value.converter=%<s`; the properties below are prefixed with"
          + " `key.converter.` or `value.converter.` respectively.",
      ConverterConfig.TYPE_CONFIG),
  HEADER_CONVERTER(
      HeaderConverter.class,
      "header converter",
      "Set `header.converter=%s`; the properties below are prefixed with `header.converter.`.",
      ConverterConfig.TYPE_CONFIG),
  // No usage sentence: we cannot know how an unrecognised plugin kind is configured.
  OTHER(Object.class, "plugin", "");

  private final Class<?> type;
  private final String noun;
  private final String usage;
  private final Set<String> setByWorker;

  PluginKind(Class<?> type, String noun, String usage, String... setByWorker) {
    this.type = type;
    this.noun = noun;
    this.usage = usage;
    this.setByWorker = Set.of(setByWorker);
  }

  /** The first kind the class implements, in declaration order. */
  static PluginKind of(Class<?> pluginClass) {
    for (PluginKind kind : values()) {
      if (kind.type.isAssignableFrom(pluginClass)) {
        return kind;
      }
    }
    return OTHER;
  }

  /**
   * The keys of a plugin's {@code ConfigDef} that users set, in definition order. A converter's
   * definition also holds {@code converter.type} (key, value or header), which the worker sets
   * itself when it configures the converter: documented, it would read as a required setting.
   */
  ConfigDef userSettings(ConfigDef definition) {
    if (setByWorker.isEmpty()) {
      return definition;
    }
    ConfigDef settings = new ConfigDef();
    for (ConfigKey key : definition.configKeys().values()) {
      if (!setByWorker.contains(key.name)) {
        settings.define(key);
      }
    }
    return settings;
  }

  /** A short noun for headings and intros, such as "transform". */
  String noun() {
    return noun;
  }

  /** One Markdown sentence telling users how to configure this plugin class. */
  String usage(Class<?> pluginClass) {
    return String.format(usage, pluginClass.getName());
  }
}
