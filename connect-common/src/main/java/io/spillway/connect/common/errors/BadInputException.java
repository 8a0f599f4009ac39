package io.spillway.connect.common.errors;

import io.spillway.connect.common.RecordPosition;
import org.apache.kafka.connect.errors.DataException;

/**
 * Input that can never be decoded, however often it is retried (malformed JSON, a wrong magic byte,
 * an unknown schema id, truncated Avro). Decoders throw it without a position; the flattener adds
 * the record's coordinates with {@link #at(RecordPosition, String)}.
 */
public class BadInputException extends DataException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public BadInputException(String reason) {
    super(reason);
    this.reason = reason;
  }

  public BadInputException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  /** The reason alone, without coordinates: what goes into an {@code _error} column. */
  public String reason() {
    return reason;
  }

  /** The failure a task reports: names topic, partition and offset. */
  public static DataException at(RecordPosition position, String what, BadInputException cause) {
    return new DataException(
        "Cannot flatten " + what + " of record at " + position.describe() + ": " + cause.reason(),
        cause);
  }
}
