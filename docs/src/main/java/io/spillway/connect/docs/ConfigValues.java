package io.spillway.connect.docs;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** Turns the attributes of one {@link ConfigKey} into the Markdown shown in its table. */
final class ConfigValues {

  private ConfigValues() {}

  static String type(ConfigKey key) {
    return key.type.name().toLowerCase(Locale.ROOT);
  }

  static String importance(ConfigKey key) {
    return key.importance.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The default as a user would type it in a connector config. A key may override this with its
   * alternative string, which Kafka's own HTML docs honour: it exists for defaults that are
   * computed at runtime and would otherwise differ from machine to machine.
   */
  static String defaultValue(ConfigKey key) {
    if (key.alternativeString != null) {
      return key.alternativeString;
    }
    Object value = key.defaultValue;
    if (value == ConfigDef.NO_DEFAULT_VALUE) {
      return "required";
    }
    if (value == null) {
      return Markdown.code("null");
    }
    if (key.type == ConfigDef.Type.PASSWORD) {
      return "[hidden]";
    }
    String text;
    if (value instanceof List<?> list) {
      text = list.stream().map(String::valueOf).collect(Collectors.joining(","));
    } else if (value instanceof Class<?> type) {
      text = type.getName();
    } else {
      text = String.valueOf(value);
    }
    return Markdown.code(text.isEmpty() ? "\"\"" : text);
  }

  /**
   * The validator's own description. A validator that does not override {@code toString()} would
   * print a class name and identity hash (a lambda's changes every run), which is useless to
   * readers and would make the committed reference look stale on every build, so it is rejected.
   */
  static Optional<String> validValues(ConfigKey key) {
    if (key.validator == null) {
      return Optional.empty();
    }
    if (inheritsObjectToString(key.validator)) {
      throw new IllegalArgumentException(
          "Config key '"
              + key.name
              + "' has a validator ("
              + key.validator.getClass().getName()
              + ") without a toString() describing its valid values; wrap it with"
              + " ConfigDef.LambdaValidator.with(validator::ensureValid, () -> \"...\")");
    }
    String description = key.validator.toString();
    return description == null || description.isBlank()
        ? Optional.empty()
        : Optional.of(description);
  }

  /**
   * The one-line summary for the table of contents: the first sentence, using the Javadoc rule (up
   * to the first period followed by whitespace) so authors already know how to write it.
   */
  static String summary(ConfigKey key) {
    if (key.documentation == null) {
      return "";
    }
    String text = key.documentation.strip().replaceAll("\\s+", " ");
    for (int i = 0; i < text.length() - 1; i++) {
      if (text.charAt(i) == '.' && text.charAt(i + 1) == ' ') {
        return text.substring(0, i + 1);
      }
    }
    return text;
  }

  static String dependents(ConfigKey key) {
    return key.dependents.stream().map(Markdown::code).collect(Collectors.joining(", "));
  }

  private static boolean inheritsObjectToString(ConfigDef.Validator validator) {
    try {
      Method toString = validator.getClass().getMethod("toString");
      return toString.getDeclaringClass() == Object.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("every class has a public toString()", e);
    }
  }
}
