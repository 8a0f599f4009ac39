package io.spillway.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@code PUT /connector-plugins/{class}/config/validate}.
 *
 * @param errorCount the worker's {@code error_count}
 * @param errors one {@code "<config key>: <message>"} line per error message
 */
public record ConnectorValidation(int errorCount, List<String> errors) {

  public ConnectorValidation {
    errors = List.copyOf(errors);
  }

  /** Whether some error line mentions {@code configKey} (as key or within the message). */
  public boolean mentions(String configKey) {
    return errors.stream().anyMatch(line -> line.contains(configKey));
  }

  static ConnectorValidation fromJson(JsonNode json) {
    List<String> errors = new ArrayList<>();
    for (JsonNode config : json.path("configs")) {
      JsonNode value = config.path("value");
      for (JsonNode error : value.path("errors")) {
        errors.add(value.path("name").asText() + ": " + error.asText());
      }
    }
    return new ConnectorValidation(json.path("error_count").asInt(), errors);
  }
}
