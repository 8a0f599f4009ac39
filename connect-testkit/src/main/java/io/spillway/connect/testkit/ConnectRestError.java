package io.spillway.connect.testkit;

import java.net.http.HttpRequest;

/**
 * A 4xx/5xx answer from a Connect worker's REST API; the message carries the method, URL and the
 * worker's JSON error body, and {@link #status()} lets a test assert e.g. a 400 on a bad config.
 */
public final class ConnectRestError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  ConnectRestError(HttpRequest request, int status, String body) {
    super(request.method() + " " + request.uri() + " -> HTTP " + status + ": " + body);
    this.status = status;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }
}
