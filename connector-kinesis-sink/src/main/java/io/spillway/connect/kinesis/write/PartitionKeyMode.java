package io.spillway.connect.kinesis.write;

import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where the Kinesis partition key comes from (setting {@code partition.key}): {@code uuid}, {@code
 * record_key}, {@code topic_partition} or {@code field:<name>}.
 */
public record PartitionKeyMode(Kind kind, String field) {
  /** The source of a partition key. */
  public enum Kind {
    UUID,
    RECORD_KEY,
    TOPIC_PARTITION,
    FIELD
  }

  private static final String FIELD_PREFIX = "field:";

  public static final ConfigDef.Validator VALIDATOR =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          try {
            parse(value == null ? "" : value.toString());
          } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
          }
        }

        @Override
        public String toString() {
          return "uuid, record_key, topic_partition, field:<name>";
        }
      };

  public static PartitionKeyMode parse(String value) {
    String trimmed = value.trim();
    if (trimmed.regionMatches(true, 0, FIELD_PREFIX, 0, FIELD_PREFIX.length())) {
      String field = trimmed.substring(FIELD_PREFIX.length()).trim();
      if (field.isEmpty()) {
        throw new IllegalArgumentException("field: needs a value field name, e.g. field:user_id");
      }
      return new PartitionKeyMode(Kind.FIELD, field);
    }
    try {
      Kind kind = Kind.valueOf(trimmed.toUpperCase(Locale.ROOT));
      if (kind == Kind.FIELD) {
        throw new IllegalArgumentException("write field:<name>");
      }
      return new PartitionKeyMode(kind, null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "must be one of uuid, record_key, topic_partition, field:<name>");
    }
  }
}
