package io.spillway.connect.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts one of an enum's values, case-insensitively, written in lower case in docs. */
public final class EnumValidator implements ConfigDef.Validator {
  private final List<String> allowed;

  private EnumValidator(List<String> allowed) {
    this.allowed = allowed;
  }

  public static <E extends Enum<E>> EnumValidator of(Class<E> type) {
    return new EnumValidator(
        Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .toList());
  }

  /** The constant a validated value names, read as this validator accepts it. */
  public static <E extends Enum<E>> E parse(Class<E> type, String value) {
    return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null || !allowed.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
      throw new ConfigException(name, value, "must be one of " + String.join(", ", allowed));
    }
  }

  @Override
  public String toString() {
    return String.join(", ", allowed);
  }
}
