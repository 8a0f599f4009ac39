package io.spillway.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the JSON of {@code GET /connectors/{name}/status}. */
final class ConnectorStatus {

  private ConnectorStatus() {}

  /** Whether the connector and exactly {@code tasks} tasks are RUNNING. */
  static boolean running(JsonNode status, int tasks) {
    if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
      return false;
    }
    JsonNode taskStates = status.path("tasks");
    if (taskStates.size() != tasks) {
      return false;
    }
    for (JsonNode task : taskStates) {
      if (!"RUNNING".equals(task.path("state").asText())) {
        return false;
      }
    }
    return true;
  }

  /**
   * A description of the first FAILED connector or task, with the worker's trace, or null. A FAILED
   * state is final until a restart, so waiting on would only hide the cause.
   */
  static String failure(JsonNode status) {
    JsonNode connector = status.path("connector");
    if ("FAILED".equals(connector.path("state").asText())) {
      return "connector FAILED: " + connector.path("trace").asText("(no trace)");
    }
    for (JsonNode task : status.path("tasks")) {
      if ("FAILED".equals(task.path("state").asText())) {
        return "task " + task.path("id").asText() + " FAILED: " + task.path("trace").asText();
      }
    }
    return null;
  }
}
