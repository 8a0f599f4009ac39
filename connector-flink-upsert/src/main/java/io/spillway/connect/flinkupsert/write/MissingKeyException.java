package io.spillway.connect.flinkupsert.write;

import org.apache.kafka.connect.errors.DataException;

/** A record whose key row cannot be built: it goes to the error policy with this reason. */
public class MissingKeyException extends DataException {
  private static final long serialVersionUID = 1L;

  public MissingKeyException(String message) {
    super(message);
  }
}
