package io.spillway.connect.common.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spillway.connect.testkit.TestCertificates;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HerokuKafkaTest {
  private static final ClusterKeys SOURCE = ClusterKeys.SOURCE;
  private static TestCertificates certs;

  @BeforeAll
  static void generate() {
    certs = TestCertificates.generate();
  }

  @Test
  void bootstrapServersFromHerokuUrl() {
    String url =
        "kafka+ssl://ec2-1.compute.amazonaws.com:9096,kafka+ssl://ec2-2.compute.amazonaws.com:9096";
    assertEquals(
        "ec2-1.compute.amazonaws.com:9096,ec2-2.compute.amazonaws.com:9096",
        HerokuKafka.bootstrapServers(SOURCE, url));
    assertTrue(HerokuKafka.usesSsl(SOURCE, url));
  }

  @Test
  void toleratesSpacesTrailingCommasCaseAndPlaintext() {
    assertEquals(
        "h1:9096,h2:9096",
        HerokuKafka.bootstrapServers(SOURCE, " KAFKA+SSL://h1:9096 , kafka+ssl://h2:9096/,"));
    assertEquals(
        "h1:9092,[::1]:9092",
        HerokuKafka.bootstrapServers(SOURCE, "kafka://h1:9092,kafka://[::1]:9092"));
    assertFalse(HerokuKafka.usesSsl(SOURCE, "kafka://h1:9092"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " , ",
        "h1:9096",
        "https://h1:9096",
        "kafka+ssl://h1",
        "kafka+ssl://h1:port",
        "kafka+ssl://h1:70000",
        "kafka+ssl://:9096",
        "kafka+ssl://h1:9096,kafka://h2:9092",
        "kafka+ssl://h1:9096/path",
        "kafka+ssl://user:S3CRET-PW@h1:9096"
      })
  void rejectsBadUrlsWithoutEchoingThem(String url) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> HerokuKafka.bootstrapServers(SOURCE, url));
    assertTrue(e.getMessage().startsWith("heroku.kafka.url: "), e.getMessage());
    assertFalse(e.getMessage().contains("S3CRET"), e.getMessage());
    assertFalse(e.getMessage().contains("h1"), e.getMessage());
    assertThrows(ConfigException.class, () -> HerokuKafka.usesSsl(SOURCE, url));
  }

  @Test
  void pkcs1KeyBecomesLoadablePkcs8() throws Exception {
    KeyPair keys = TestCertificates.rsaKeyPair();
    RSAPrivateCrtKey original = (RSAPrivateCrtKey) keys.getPrivate();
    PrivateKeys.Key key = PrivateKeys.read(Pkcs1.pem(original), "k");

    assertEquals(original.getModulus(), key.rsa().getModulus());
    assertEquals(original.getPrivateExponent(), key.rsa().getPrivateExponent());
    // The JDK's own PKCS#8 encoding of the same key, byte for byte.
    assertArrayEquals(original.getEncoded(), key.pkcs8());
    assertTrue(key.pem().startsWith("-----BEGIN PRIVATE KEY-----\n"));

    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key.rsa());
    signer.update(new byte[] {1, 2, 3});
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(keys.getPublic());
    verifier.update(new byte[] {1, 2, 3});
    assertTrue(verifier.verify(signer.sign()));
  }

  @Test
  void ourPkcs1EncoderMatchesBouncyCastle() {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) certs.client().keys().getPrivate();
    assertEquals(certs.clientKeyPkcs1Pem().replace("\r", ""), Pkcs1.pem(key));
  }

  @Test
  void sslPropertiesLoadInKafkasOwnSslFactory() throws Exception {
    Map<String, Object> props =
        HerokuKafka.sslProperties(
            SOURCE, certs.caChainPem(), certs.clientCertPem(), certs.clientKeyPkcs1Pem());

    assertEquals("PEM", props.get(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG));
    assertEquals("PEM", props.get(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG));
    String trusted = (String) props.get(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG);
    assertEquals(2, count(trusted, "-----BEGIN CERTIFICATE-----"));
    Password key = (Password) props.get(SslConfigs.SSL_KEYSTORE_KEY_CONFIG);
    assertTrue(key.value().startsWith("-----BEGIN PRIVATE KEY-----"));
    assertFalse(props.toString().contains(line(key.value())), "key printed");

    DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
    factory.configure(new ConfigDef().withClientSslSupport().parse(props));
    KeyStore truststore = factory.truststore();
    assertEquals(2, truststore.size());
    KeyStore keystore = factory.keystore();
    String alias = Collections.list(keystore.aliases()).get(0);
    assertTrue(keystore.isKeyEntry(alias));
    assertEquals(certs.client().certificate(), keystore.getCertificate(alias));
    factory.close();
  }

  @Test
  void escapedNewlinesAndCrlfAreNormalised() {
    Map<String, Object> clean =
        HerokuKafka.sslProperties(
            SOURCE, certs.caChainPem(), certs.clientCertPem(), certs.clientKeyPkcs1Pem());
    Map<String, Object> escaped =
        HerokuKafka.sslProperties(
            SOURCE,
            certs.caChainPem().replace("\n", "\\n"),
            "\"" + certs.clientCertPem().replace("\n", "\r\n") + "\"",
            certs.clientKeyPkcs1Pem().replace("\n", "\\r\\n"));
    assertEquals(clean.toString(), escaped.toString());
    assertEquals(
        ((Password) clean.get(SslConfigs.SSL_KEYSTORE_KEY_CONFIG)).value(),
        ((Password) escaped.get(SslConfigs.SSL_KEYSTORE_KEY_CONFIG)).value());
  }

  @Test
  void pkcs8KeyIsKeptAndTrustOnlyNeedsNoClientCert() {
    Map<String, Object> props =
        HerokuKafka.sslProperties(
            SOURCE, certs.caChainPem(), certs.clientCertPem(), certs.clientKeyPkcs8Pem());
    assertEquals(
        certs.clientKeyPkcs8Pem(),
        ((Password) props.get(SslConfigs.SSL_KEYSTORE_KEY_CONFIG)).value());

    Map<String, Object> trustOnly = HerokuKafka.sslProperties(SOURCE, certs.caChainPem(), "", "");
    assertEquals(
        List.of(
            SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG),
        List.copyOf(trustOnly.keySet()));
    assertTrue(HerokuKafka.sslProperties(SOURCE, "", null, " ").isEmpty());
  }

  @Test
  void refusesUnusableKeysWithoutPrintingThem() {
    String body = line(certs.clientKeyPkcs1Pem());
    String encryptedPkcs1 =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\n"
            + body
            + "\n-----END RSA PRIVATE KEY-----\n";
    String encryptedPkcs8 = TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3});
    String ec = TestCertificates.pem("EC PRIVATE KEY", new byte[] {1, 2, 3});
    String garbage = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----";
    String notPem = "SECRETSECRET";
    String otherKey = Pkcs1.pem((RSAPrivateCrtKey) certs.broker().keys().getPrivate());

    assertKeyError(encryptedPkcs1, "encrypted");
    assertKeyError(encryptedPkcs8, "encrypted");
    assertKeyError(ec, "EC keys");
    assertKeyError(garbage, "not a valid key");
    assertKeyError(notPem, "no PEM block");
    String cut = certs.clientKeyPkcs1Pem();
    cut = cut.substring(0, cut.indexOf("-----END"));
    assertKeyError(
        cut,
        "PEM block 1 (RSA PRIVATE KEY) has no '-----END RSA PRIVATE KEY-----' line: the value is"
            + " cut short");
    assertKeyError(certs.clientKeyPkcs1Pem().substring(20), "without a BEGIN line before it");
    assertKeyError(otherKey, "does not belong");
    assertFalse(
        assertThrows(
                ConfigException.class,
                () -> HerokuKafka.sslProperties(SOURCE, "", certs.clientCertPem(), otherKey))
            .getMessage()
            .contains(line(otherKey)));
  }

  @Test
  void refusesCertificateWithoutKeyAndBrokenCertificates() {
    assertThrows(
        ConfigException.class,
        () -> HerokuKafka.sslProperties(SOURCE, "", certs.clientCertPem(), ""));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> HerokuKafka.sslProperties(SOURCE, certs.clientKeyPkcs8Pem(), "", ""));
    assertTrue(
        e.getMessage().contains("heroku.trusted.cert: holds a PRIVATE KEY block"), e.getMessage());
    String broken = TestCertificates.pem("CERTIFICATE", new byte[] {1, 2, 3});
    e =
        assertThrows(
            ConfigException.class,
            () -> HerokuKafka.sslProperties(SOURCE, certs.caChainPem() + broken, "", ""));
    assertEquals("heroku.trusted.cert: certificate 3 cannot be parsed", e.getMessage());
    // A chain whose last certificate lost its END line is cut short, not one certificate shorter.
    String chain = certs.caChainPem();
    String cut = chain.substring(0, chain.lastIndexOf("-----END"));
    e = assertThrows(ConfigException.class, () -> HerokuKafka.sslProperties(SOURCE, cut, "", ""));
    assertEquals(
        "heroku.trusted.cert: PEM block 2 (CERTIFICATE) has no '-----END CERTIFICATE-----' line:"
            + " the value is cut short; copy the whole value, END line included",
        e.getMessage());
  }

  private static void assertKeyError(String keyPem, String expected) {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> HerokuKafka.sslProperties(SOURCE, "", certs.clientCertPem(), keyPem));
    assertTrue(e.getMessage().startsWith("heroku.client.cert.key"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    assertFalse(e.getMessage().contains(line(certs.clientKeyPkcs1Pem())), e.getMessage());
  }

  /** A line from inside a PEM body. */
  static String line(String pem) {
    return pem.replace("\r", "").split("\n")[2];
  }

  private static int count(String text, String part) {
    return text.split(part, -1).length - 1;
  }
}
