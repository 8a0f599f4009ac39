package io.spillway.connect.common.sink;

/**
 * A record that cannot be written, with the reason; it goes to the error policy ({@link
 * ErrantRecords}), never to the destination. Thrown while reading a record ({@link KeyPicker}) or
 * by a sink that refuses it.
 */
public final class RejectedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RejectedRecordException(String reason) {
    super(reason);
  }

  public RejectedRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
