package io.spillway.connect.tablestore.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.core.auth.ServiceCredentials;
import com.sun.net.httpserver.HttpServer;
import io.spillway.connect.tablestore.client.ConnectionConfig.Connection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STS AssumeRole against a local endpoint that checks the request as STS does: the RPC signature
 * (HMAC-SHA1 over the sorted, percent-encoded query, keyed with secret + "&"), computed here
 * independently, and the role ARN built from account.id and role.name.
 */
class StsCredentialsTest {
  static final String ID = "LTAI5tStsCaller";
  static final String SECRET = "callerSecret/with+chars=";

  HttpServer sts;
  final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sts.createContext(
        "/",
        exchange -> {
          Map<String, String> params = new TreeMap<>();
          for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(
                URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
          }
          requests.add(params);
          String signature = params.remove("Signature");
          boolean valid = signature.equals(expectedSignature(params));
          String role = params.get("RoleArn");
          byte[] body =
              (valid && role.equals("acs:ram::1234567890:role/tablestore-writer")
                      ? "{\"RequestId\":\"r1\",\"Credentials\":{\"AccessKeyId\":\"STS.tmp\","
                          + "\"AccessKeySecret\":\"tmpSecret\",\"SecurityToken\":\"token-"
                          + requests.size()
                          + "\",\"Expiration\":\"2030-01-01T00:00:00Z\"}}"
                      : "{\"RequestId\":\"r2\",\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"bad\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(valid ? 200 : 400, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    sts.start();
  }

  @AfterEach
  void stop() {
    sts.stop(0);
  }

  static String expectedSignature(Map<String, String> sortedParams) throws RuntimeException {
    StringJoiner query = new StringJoiner("&");
    sortedParams.forEach((k, v) -> query.add(rfc3986(k) + "=" + rfc3986(v)));
    String toSign = "GET&%2F&" + rfc3986(query.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 3986 unreserved characters kept, everything else %XX (upper case). */
  static String rfc3986(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  Connection connection(String role, Duration lifetime) {
    return new Connection(
        "http://tablestore.invalid",
        "inst",
        AuthMode.STS,
        "",
        new Password(""),
        "cn-hangzhou",
        "1234567890",
        role,
        "http://127.0.0.1:" + sts.getAddress().getPort(),
        lifetime);
  }

  @Test
  void assumesTheRoleWithASignatureStsAccepts() {
    try (StsCredentials credentials =
        new StsCredentials(connection("tablestore-writer", Duration.ofHours(1)), ID, SECRET)) {
      ServiceCredentials current = credentials.provider().getCredentials();
      assertEquals("STS.tmp", current.getAccessKeyId());
      assertEquals("tmpSecret", current.getAccessKeySecret());
      assertEquals("token-1", current.getSecurityToken());
    }
    Map<String, String> request = requests.get(0);
    assertEquals("AssumeRole", request.get("Action"));
    assertEquals("2015-04-01", request.get("Version"));
    assertEquals(ID, request.get("AccessKeyId"));
    assertEquals("cn-hangzhou", request.get("RegionId"));
  }

  @Test
  void renewsTheCredentialsEveryLifetime() throws Exception {
    try (StsCredentials credentials =
        new StsCredentials(connection("tablestore-writer", Duration.ofMillis(200)), ID, SECRET)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (requests.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(requests.size() >= 3, "renewals: " + requests.size());
      assertTrue(
          credentials.provider().getCredentials().getSecurityToken().startsWith("token-"),
          credentials.provider().getCredentials().getSecurityToken());
    }
  }

  @Test
  void aRefusedAssumeRoleNamesStsError() {
    ConnectException error =
        assertThrows(
            ConnectException.class,
            () -> new StsCredentials(connection("other-role", Duration.ofHours(1)), ID, SECRET));
    assertTrue(error.getMessage().contains("SignatureDoesNotMatch"), error.getMessage());
    assertTrue(
        error.getMessage().contains("acs:ram::1234567890:role/other-role"), error.getMessage());
  }
}
