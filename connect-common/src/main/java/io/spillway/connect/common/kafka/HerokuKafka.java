package io.spillway.connect.common.kafka;

import io.spillway.connect.common.config.ConfigKeyException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

/**
 * Heroku Kafka's config vars (KAFKA_URL, KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT,
 * KAFKA_CLIENT_CERT_KEY) turned into Kafka client settings.
 *
 * <p>Errors are {@link ConfigKeyException}s naming the setting at fault (under the prefix of the
 * given {@link ClusterKeys}) but never repeating its value: a URL may carry credentials, a key is a
 * secret, and both would end up in Connect's REST responses and logs.
 */
public final class HerokuKafka {
  private static final String SSL_SCHEME = "kafka+ssl://";
  private static final String PLAINTEXT_SCHEME = "kafka://";
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");
  private static final String URL_FORM = "; expected kafka+ssl://host:port[,kafka+ssl://host:port]";

  private HerokuKafka() {}

  /** {@code kafka+ssl://h1:9096,kafka+ssl://h2:9096} becomes {@code h1:9096,h2:9096}. */
  public static String bootstrapServers(ClusterKeys keys, String kafkaUrl) {
    return String.join(",", parse(keys, kafkaUrl).addresses());
  }

  /** True for {@code kafka+ssl://} URLs, false for {@code kafka://} (plaintext) ones. */
  public static boolean usesSsl(ClusterKeys keys, String kafkaUrl) {
    return parse(keys, kafkaUrl).ssl();
  }

  /**
   * PEM truststore settings when {@code trustedCertsPem} is given (else the JVM's default CAs are
   * trusted), and PEM keystore settings when a client certificate is given. The key is returned as
   * a {@link Password} so that printing the settings does not print it.
   */
  public static Map<String, Object> sslProperties(
      ClusterKeys keys, String trustedCertsPem, String clientCertPem, String clientKeyPem) {
    Map<String, Object> props = new LinkedHashMap<>();
    if (!isBlank(trustedCertsPem)) {
      List<X509Certificate> trusted = Pem.certificates(trustedCertsPem, keys.herokuTrustedCert());
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, Pem.encodeCertificates(trusted));
    }
    if (isBlank(clientCertPem) != isBlank(clientKeyPem)) {
      throw new ConfigKeyException(
          isBlank(clientCertPem) ? keys.herokuClientCert() : keys.herokuClientCertKey(),
          "set both "
              + keys.herokuClientCert()
              + " and "
              + keys.herokuClientCertKey()
              + ", or neither");
    }
    if (!isBlank(clientCertPem)) {
      List<X509Certificate> chain = Pem.certificates(clientCertPem, keys.herokuClientCert());
      PrivateKeys.Key key = PrivateKeys.read(clientKeyPem, keys.herokuClientCertKey());
      checkPair(keys, chain.get(0), key);
      props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, Pem.encodeCertificates(chain));
      props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, new Password(key.pem()));
    }
    return props;
  }

  /**
   * A key from another app's config vars otherwise shows up only as a TLS handshake failure at the
   * broker; comparing RSA moduli says which settings disagree.
   */
  private static void checkPair(
      ClusterKeys keys, X509Certificate certificate, PrivateKeys.Key key) {
    if (key.rsa() == null || !(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
      return;
    }
    BigInteger modulus = key.rsa().getModulus();
    if (!modulus.equals(publicKey.getModulus())) {
      throw new ConfigKeyException(
          keys.herokuClientCertKey(),
          "does not belong to the first certificate of " + keys.herokuClientCert());
    }
  }

  private record Parsed(List<String> addresses, boolean ssl) {}

  private static Parsed parse(ClusterKeys keys, String kafkaUrl) {
    if (isBlank(kafkaUrl)) {
      throw urlError(keys, "is empty");
    }
    List<String> addresses = new ArrayList<>();
    Boolean ssl = null;
    String[] entries = kafkaUrl.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        continue; // trailing or doubled commas
      }
      String lower = entry.toLowerCase(Locale.ROOT);
      boolean entrySsl = lower.startsWith(SSL_SCHEME);
      if (!entrySsl && !lower.startsWith(PLAINTEXT_SCHEME)) {
        throw urlError(keys, "entry " + (i + 1) + " does not start with kafka+ssl:// or kafka://");
      }
      if (ssl != null && ssl != entrySsl) {
        throw urlError(keys, "mixes kafka+ssl:// and kafka:// entries");
      }
      ssl = entrySsl;
      String address = entry.substring((entrySsl ? SSL_SCHEME : PLAINTEXT_SCHEME).length());
      addresses.add(
          hostPort(
              keys,
              address.endsWith("/") ? address.substring(0, address.length() - 1) : address,
              i + 1));
    }
    if (addresses.isEmpty()) {
      throw urlError(keys, "names no broker");
    }
    return new Parsed(addresses, ssl);
  }

  private static String hostPort(ClusterKeys keys, String address, int entry) {
    int colon = address.lastIndexOf(':');
    String host = colon < 0 ? "" : address.substring(0, colon);
    if (!HOST.matcher(host).matches()) {
      throw urlError(keys, "entry " + entry + " is not host:port");
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65_535) {
      throw urlError(keys, "entry " + entry + " has no valid port");
    }
    return host + ":" + port;
  }

  private static ConfigKeyException urlError(ClusterKeys keys, String problem) {
    return new ConfigKeyException(keys.herokuUrl(), problem + URL_FORM);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
