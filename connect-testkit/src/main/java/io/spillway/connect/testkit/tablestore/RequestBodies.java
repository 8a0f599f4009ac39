package io.spillway.connect.testkit.tablestore;

import com.sun.net.httpserver.Headers;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Request bodies as the handlers read them. */
final class RequestBodies {
  private RequestBodies() {}

  /** The body as sent before ClientConfiguration#setEnableRequestCompression deflated it. */
  static byte[] inflated(Headers headers, byte[] body) {
    String type = headers.getFirst("x-ots-request-compress-type");
    if (type == null) {
      return body;
    }
    if (!type.trim().equalsIgnoreCase("deflate")) {
      throw OtsException.invalid("Unsupported request compress type: " + type + ".");
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(body);
      byte[] raw =
          new byte[Integer.parseInt(headers.getFirst("x-ots-request-compress-size").trim())];
      int n = 0;
      while (n < raw.length && !inflater.finished()) {
        int read = inflater.inflate(raw, n, raw.length - n);
        if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += read;
      }
      if (n != raw.length) {
        throw OtsException.invalid("The request body does not inflate to its compress size.");
      }
      return raw;
    } catch (DataFormatException | RuntimeException e) {
      throw e instanceof OtsException o
          ? o
          : OtsException.invalid("Cannot inflate the request: " + e);
    } finally {
      inflater.end();
    }
  }
}
