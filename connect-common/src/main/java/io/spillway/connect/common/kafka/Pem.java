package io.spillway.connect.common.kafka;

import io.spillway.connect.common.config.ConfigKeyException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes PEM text as it reaches us from Heroku config vars. Messages name the setting and
 * the block number, never the content: these values end up in REST responses and logs.
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Pattern MARKER = Pattern.compile("-----(BEGIN|END) ([A-Z0-9 ]+)-----");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
  private static final int LINE = 64;

  /**
   * One {@code -----BEGIN type-----} block; {@code headers} holds RFC 1421 lines such as Proc-Type.
   */
  record Block(String type, boolean headers, byte[] der) {}

  private Pem() {}

  /**
   * Undoes what shells, .env files and JSON do to multi-line config vars: {@code \n} arriving as
   * the two characters backslash and n, and CRLF line ends.
   */
  static String normalise(String text) {
    return text.replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\\r", "")
        .replace("\r\n", "\n")
        .replace('\r', '\n');
  }

  /**
   * Every PEM block of {@code text}; fails naming {@code setting} when there is none, or when a
   * BEGIN line has no matching END line (a value cut short, as when a multi-line config var is
   * pasted in part), rather than quietly ignoring the cut block.
   */
  static List<Block> blocks(String text, String setting) {
    String normalised = normalise(text);
    checkMarkers(normalised, setting);
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(normalised);
    while (matcher.find()) {
      String body = matcher.group(2);
      boolean headers = body.contains(":");
      if (headers) {
        // RFC 1421 headers (Proc-Type, DEK-Info) end with an empty line before the base64.
        int end = body.indexOf("\n\n");
        body = end < 0 ? "" : body.substring(end + 2);
      }
      blocks.add(new Block(matcher.group(1), headers, decode(body, setting, blocks.size() + 1)));
    }
    if (blocks.isEmpty()) {
      throw new ConfigKeyException(setting, "no PEM block (-----BEGIN ...-----) found");
    }
    return blocks;
  }

  /** BEGIN and END lines must alternate, each END naming the type of the BEGIN before it. */
  private static void checkMarkers(String text, String setting) {
    Matcher marker = MARKER.matcher(text);
    String open = null;
    int number = 0;
    while (marker.find()) {
      boolean begin = marker.group(1).equals("BEGIN");
      String type = marker.group(2);
      if (begin && open != null) {
        throw truncated(setting, number, open);
      }
      if (begin) {
        open = type;
        number++;
      } else if (open == null) {
        throw new ConfigKeyException(
            setting,
            "has an '-----END "
                + type
                + "-----' line without a BEGIN line before it: the start"
                + " of the value is missing");
      } else if (!open.equals(type)) {
        throw new ConfigKeyException(
            setting, "PEM block " + number + " begins as " + open + " but ends as " + type);
      } else {
        open = null;
      }
    }
    if (open != null) {
      throw truncated(setting, number, open);
    }
  }

  private static ConfigKeyException truncated(String setting, int number, String type) {
    return new ConfigKeyException(
        setting,
        "PEM block "
            + number
            + " ("
            + type
            + ") has no '-----END "
            + type
            + "-----' line: the value is cut short; copy the whole value, END line included");
  }

  private static byte[] decode(String body, String setting, int number) {
    String base64 = body.replaceAll("\\s+", "");
    try {
      if (!base64.isEmpty() && BASE64.matcher(base64).matches()) {
        return Base64.getDecoder().decode(base64);
      }
    } catch (IllegalArgumentException e) {
      // Wrong length or padding; its message is not repeated, it could quote the content.
    }
    throw new ConfigKeyException(setting, "PEM block " + number + " is not valid base64");
  }

  /** The certificates of {@code text}, parsed so that a broken one fails here, not at connect. */
  static List<X509Certificate> certificates(String text, String setting) {
    List<X509Certificate> certificates = new ArrayList<>();
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("The JVM has no X.509 support", e);
    }
    for (Block block : blocks(text, setting)) {
      int number = certificates.size() + 1;
      if (!block.type().equals("CERTIFICATE")) {
        throw new ConfigKeyException(
            setting, "holds a " + block.type() + " block where only certificates belong");
      }
      try {
        certificates.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException e) {
        throw new ConfigKeyException(setting, "certificate " + number + " cannot be parsed");
      }
    }
    return certificates;
  }

  /** Canonical PEM: 64-column base64 and LF line ends, which Kafka's PEM parser accepts. */
  static String encode(String type, byte[] der) {
    String base64 = Base64.getEncoder().encodeToString(der);
    StringBuilder pem = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
    for (int i = 0; i < base64.length(); i += LINE) {
      pem.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
    }
    return pem.append("-----END ").append(type).append("-----\n").toString();
  }

  static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        pem.append(encode("CERTIFICATE", certificate.getEncoded()));
      } catch (CertificateException e) {
        throw new IllegalStateException("A parsed certificate cannot be encoded again", e);
      }
    }
    return pem.toString();
  }
}
