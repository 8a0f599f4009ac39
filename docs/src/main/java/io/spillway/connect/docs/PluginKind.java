package io.spillway.connect.docs;

import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
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
          + " `key.converter.` or `value.converter.` respectively."),
  HEADER_CONVERTER(
      HeaderConverter.class,
      "header converter",
      "Set `header.converter=%s`; the properties below are prefixed with `header.converter.`."),
  // No usage sentence: we cannot know how an unrecognised plugin kind is configured.
  OTHER(Object.class, "plugin", "");

  private final Class<?> type;
  private final String noun;
  private final String usage;

  PluginKind(Class<?> type, String noun, String usage) {
    this.type = type;
    this.noun = noun;
    this.usage = usage;
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

  /** A short noun for headings and intros, such as "transform". */
  String noun() {
    return noun;
  }

  /** One Markdown sentence telling users how to configure this plugin class. */
  String usage(Class<?> pluginClass) {
    return String.format(usage, pluginClass.getName());
  }
}
