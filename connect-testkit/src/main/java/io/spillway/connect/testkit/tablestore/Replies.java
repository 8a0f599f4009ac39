package io.spillway.connect.testkit.tablestore;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes replies as Tablestore does: every reply carries {@code x-ots-requestid}; replies also
 * carry {@code x-ots-contentmd5}, {@code x-ots-contenttype} and an {@code authorization: OTS
 * <akId>:<signature>} header, which the SDK checks with its response validation on (the default).
 */
final class Replies {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final String accessKeyId;
  private final String accessKeySecret;

  Replies(String accessKeyId, String accessKeySecret) {
    this.accessKeyId = accessKeyId;
    this.accessKeySecret = accessKeySecret;
  }

  void ok(HttpExchange exchange, String action, byte[] body) throws IOException {
    send(exchange, action, 200, body);
  }

  void error(HttpExchange exchange, String action, OtsException e) throws IOException {
    OtsInternalApi.Error.Builder error = OtsInternalApi.Error.newBuilder().setCode(e.code());
    if (e.getMessage() != null) {
      error.setMessage(e.getMessage());
    }
    send(exchange, action, e.status(), error.build().toByteArray());
  }

  private void send(HttpExchange exchange, String action, int status, byte[] body)
      throws IOException {
    Map<String, String> ots = new TreeMap<>();
    ots.put("x-ots-requestid", UUID.randomUUID().toString());
    ots.put("x-ots-date", DATE.format(Instant.now()));
    ots.put("x-ots-contentmd5", RequestAuth.md5Base64(body));
    ots.put("x-ots-contenttype", "protocol buffer");
    StringBuilder toSign = new StringBuilder();
    ots.forEach((k, v) -> toSign.append(k).append(':').append(v).append('\n'));
    toSign.append('/').append(action);
    Headers headers = exchange.getResponseHeaders();
    ots.forEach(headers::set);
    headers.set(
        "authorization",
        "OTS " + accessKeyId + ":" + RequestAuth.hmacSha1(accessKeySecret, toSign.toString()));
    headers.set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
