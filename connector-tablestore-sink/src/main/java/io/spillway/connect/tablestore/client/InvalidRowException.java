package io.spillway.connect.tablestore.client;

/** A row the SDK refuses before sending it: it can never be written as it is. */
public class InvalidRowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidRowException(String message, Throwable cause) {
    super(message, cause);
  }
}
