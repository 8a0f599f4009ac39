package io.spillway.connect.redshift.write;

/** A record that cannot become a row, with the reason; it goes to the error policy. */
public final class RejectedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RejectedRecordException(String reason) {
    super(reason);
  }

  public RejectedRecordException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
