package io.spillway.connect.testkit.tablestore;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request as Tablestore does (signature version 2): the access key id, the instance, the
 * content MD5 and {@code x-ots-signature} = base64(HMAC-SHA1(secret, "/Action\nPOST\n\n" + the
 * sorted {@code x-ots-*} headers as "name:value\n")).
 */
final class RequestAuth {
  private final String instanceName;
  private final String accessKeyId;
  private final String accessKeySecret;

  RequestAuth(String instanceName, String accessKeyId, String accessKeySecret) {
    this.instanceName = instanceName;
    this.accessKeyId = accessKeyId;
    this.accessKeySecret = accessKeySecret;
  }

  void check(String action, String method, Headers headers, byte[] body) {
    Map<String, String> ots = new TreeMap<>();
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
      if (name.startsWith("x-ots-") && !h.getValue().isEmpty()) {
        ots.put(name, h.getValue().get(0).trim());
      }
    }
    if (!accessKeyId.equals(ots.get("x-ots-accesskeyid"))) {
      throw new OtsException("OTSAuthFailed", "The AccessKeyID is disabled or does not exist.");
    }
    if (!instanceName.equals(ots.get("x-ots-instancename"))) {
      throw new OtsException(
          "OTSAuthFailed", "The instance '" + ots.get("x-ots-instancename") + "' is not found.");
    }
    String signature = ots.remove("x-ots-signature");
    if (signature == null) {
      throw new OtsException("OTSAuthFailed", "Missing header: x-ots-signature.");
    }
    StringBuilder toSign = new StringBuilder("/").append(action).append('\n');
    toSign.append(method).append("\n\n");
    ots.forEach((k, v) -> toSign.append(k).append(':').append(v).append('\n'));
    if (!hmacSha1(accessKeySecret, toSign.toString()).equals(signature)) {
      throw new OtsException("OTSAuthFailed", "Signature mismatch.");
    }
    if (!md5Base64(body).equals(ots.get("x-ots-contentmd5"))) {
      throw new OtsException("OTSAuthFailed", "Mismatch between MD5 value of request content.");
    }
  }

  static String hmacSha1(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String md5Base64(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
