package io.spillway.connect.tablestore.client;

import com.alicloud.openservices.tablestore.core.auth.CredentialsProviderFactory;
import com.alicloud.openservices.tablestore.core.auth.DefaultCredentialProvider;
import com.alicloud.openservices.tablestore.core.auth.DefaultCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spillway.connect.tablestore.client.ConnectionConfig.Connection;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tablestore.auth.mode=STS, as the aliyun connector does it: assumes {@code role.name} of {@code
 * account.id} through STS AssumeRole at {@code sts.endpoint}, signed with the AccessKey pair in the
 * worker's ACCESS_ID / ACCESS_KEY environment variables, and renews the credentials every {@code
 * client.time.out.ms} (at most every 50 minutes: they live an hour).
 */
public final class StsCredentials implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StsCredentials.class);
  private static final Duration LONGEST_REFRESH = Duration.ofMinutes(50);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final String accessId;
  private final String accessSecret;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ScheduledExecutorService refresher;
  private final DefaultCredentialProvider provider;

  StsCredentials(Connection connection, String accessId, String accessSecret) {
    this.connection = connection;
    this.accessId = accessId;
    this.accessSecret = accessSecret;
    DefaultCredentials first = assumeRole();
    this.provider =
        CredentialsProviderFactory.newDefaultCredentialProvider(
            first.getAccessKeyId(), first.getAccessKeySecret(), first.getSecurityToken());
    long every = Math.min(connection.credentialsLifetime().toMillis(), LONGEST_REFRESH.toMillis());
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "tablestore-sts-refresh");
              thread.setDaemon(true);
              return thread;
            });
    refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
  }

  /** Credentials assumed with the pair in ACCESS_ID / ACCESS_KEY (the aliyun connector's). */
  static StsCredentials fromEnvironment(Connection connection) {
    String id = System.getenv(ConnectionConfig.STS_ACCESS_ID_ENV);
    String secret = System.getenv(ConnectionConfig.STS_ACCESS_KEY_ENV);
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      throw new ConnectException(
          "tablestore.auth.mode=STS assumes the role with the AccessKey pair in the worker's"
              + " environment variables ACCESS_ID and ACCESS_KEY, which are not set; set them, or"
              + " use tablestore.auth.mode=AKSK with tablestore.access.key.id/secret");
    }
    return new StsCredentials(connection, id, secret);
  }

  public DefaultCredentialProvider provider() {
    return provider;
  }

  private void refresh() {
    try {
      provider.setCredentials(assumeRole());
      log.info("Renewed the STS credentials of role {}", connection.roleName());
    } catch (RuntimeException e) {
      log.warn("Could not renew the STS credentials (the current ones stay in use)", e);
    }
  }

  private DefaultCredentials assumeRole() {
    Map<String, String> params = new TreeMap<>();
    params.put("Action", "AssumeRole");
    params.put("Version", "2015-04-01");
    params.put("Format", "JSON");
    params.put("RegionId", connection.region());
    params.put("AccessKeyId", accessId);
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", UUID.randomUUID().toString());
    params.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    params.put("RoleArn", "acs:ram::" + connection.accountId() + ":role/" + connection.roleName());
    params.put("RoleSessionName", "spillway-tablestore-sink");
    params.put("DurationSeconds", "3600");
    String query = canonicalQuery(params);
    String signature = sign("GET&" + encode("/") + "&" + encode(query), accessSecret + "&");
    URI uri = URI.create(endpoint() + "/?" + query + "&Signature=" + encode(signature));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      JsonNode credentials = body.path("Credentials");
      if (response.statusCode() != 200 || credentials.isMissingNode()) {
        throw new ConnectException(
            "STS AssumeRole of "
                + params.get("RoleArn")
                + " failed with HTTP "
                + response.statusCode()
                + ": "
                + body.path("Code").asText()
                + " "
                + body.path("Message").asText());
      }
      return new DefaultCredentials(
          credentials.path("AccessKeyId").asText(),
          credentials.path("AccessKeySecret").asText(),
          credentials.path("SecurityToken").asText());
    } catch (IOException e) {
      throw new ConnectException("STS AssumeRole at " + endpoint() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted during STS AssumeRole", e);
    }
  }

  private String endpoint() {
    String endpoint = connection.stsEndpoint();
    String withScheme = endpoint.contains("://") ? endpoint : "https://" + endpoint;
    return withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1) : withScheme;
  }

  /** The sorted, percent-encoded query the signature covers. */
  static String canonicalQuery(Map<String, String> sorted) {
    StringJoiner query = new StringJoiner("&");
    sorted.forEach((key, value) -> query.add(encode(key) + "=" + encode(value)));
    return query.toString();
  }

  /** Alibaba Cloud's RPC percent-encoding (RFC 3986: space as %20, '*' encoded, '~' kept). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  static String sign(String stringToSign, String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
