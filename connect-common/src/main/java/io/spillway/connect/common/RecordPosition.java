package io.spillway.connect.common;

import java.util.Objects;

/** Where a Kafka record came from: the coordinates every error message and row key names. */
public record RecordPosition(String topic, int partition, long offset) {

  public RecordPosition {
    Objects.requireNonNull(topic, "topic");
  }

  /**
   * Human-readable coordinates for error messages, e.g. {@code topic 'orders', partition 0, offset
   * 42}.
   */
  public String describe() {
    return "topic '" + topic + "', partition " + partition + ", offset " + offset;
  }

  @Override
  public String toString() {
    return describe();
  }
}
