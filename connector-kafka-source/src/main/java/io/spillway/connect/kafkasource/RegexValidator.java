package io.spillway.connect.kafkasource;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A Java regular expression, or a list of them; empty is allowed. */
public final class RegexValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      return;
    }
    List<?> regexes = value instanceof List<?> list ? list : List.of(value);
    for (Object regex : regexes) {
      try {
        Pattern.compile(regex.toString().trim());
      } catch (PatternSyntaxException e) {
        throw new ConfigException(
            name, value, "not a valid regular expression: " + e.getDescription());
      }
    }
  }

  @Override
  public String toString() {
    return "Java regular expressions";
  }
}
