package io.spillway.connect.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI shaped like Heroku Kafka's: root CA, intermediate CA, and a broker and a client
 * certificate both signed by the intermediate. Made fresh per run so no key is ever committed.
 */
public final class TestCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A certificate with its key pair. */
  public record Issued(X509Certificate certificate, KeyPair keys) {}

  private final Issued root;
  private final Issued intermediate;
  private final Issued broker;
  private final Issued client;

  private TestCertificates(Issued root, Issued intermediate, Issued broker, Issued client) {
    this.root = root;
    this.intermediate = intermediate;
    this.broker = broker;
    this.client = client;
  }

  /** About 1 s: four RSA-2048 key pairs. */
  public static TestCertificates generate() {
    try {
      Issued root = issue("CN=Spillway Test Root CA", null, true, null);
      Issued intermediate = issue("CN=Spillway Test Intermediate CA", root, true, null);
      Issued broker =
          issue(
              "CN=localhost",
              intermediate,
              false,
              // The host name only, no IP address: connecting by 127.0.0.1 is a host-name mismatch.
              new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
      Issued client = issue("CN=spillway-test-client", intermediate, false, null);
      return new TestCertificates(root, intermediate, broker, client);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("Cannot generate test certificates", e);
    }
  }

  public Issued root() {
    return root;
  }

  public Issued intermediate() {
    return intermediate;
  }

  public Issued broker() {
    return broker;
  }

  public Issued client() {
    return client;
  }

  /** KAFKA_TRUSTED_CERT: root and intermediate CA, concatenated. */
  public String caChainPem() {
    return certificatePem(List.of(root.certificate(), intermediate.certificate()));
  }

  /** The broker's keystore chain: its own certificate, then the intermediate that signed it. */
  public String brokerChainPem() {
    return certificatePem(List.of(broker.certificate(), intermediate.certificate()));
  }

  public String brokerKeyPkcs8Pem() {
    return pem("PRIVATE KEY", broker.keys().getPrivate().getEncoded());
  }

  /** KAFKA_CLIENT_CERT. */
  public String clientCertPem() {
    return certificatePem(List.of(client.certificate()));
  }

  /** KAFKA_CLIENT_CERT_KEY as Heroku hands it out: PKCS#1, {@code BEGIN RSA PRIVATE KEY}. */
  public String clientKeyPkcs1Pem() {
    return pkcs1Pem(client);
  }

  /**
   * Another client certificate signed by the same intermediate CA, with its own principal ({@code
   * User:CN=<commonName>} on the broker): an identity that ACLs can restrict.
   */
  public Issued issueClient(String commonName) {
    try {
      return issue("CN=" + commonName, intermediate, false, null);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("Cannot issue a client certificate", e);
    }
  }

  /** The private key of {@code issued} in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as on Heroku. */
  public static String pkcs1Pem(Issued issued) {
    StringWriter out = new StringWriter();
    // BouncyCastle writes RSA private keys in the traditional OpenSSL (PKCS#1) form.
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(issued.keys().getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The same client key as PKCS#8, which Kafka reads natively: for the test's own clients. */
  public String clientKeyPkcs8Pem() {
    return pem("PRIVATE KEY", client.keys().getPrivate().getEncoded());
  }

  public static String certificatePem(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        pem.append(pem("CERTIFICATE", certificate.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return pem.toString();
  }

  public static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Issued issue(String subject, Issued issuer, boolean ca, GeneralNames altNames)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPair keys = rsaKeyPair();
    Instant now = Instant.now();
    X500Name subjectName = new X500Name(subject);
    X500Name issuerName =
        issuer == null
            ? subjectName
            : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuerName,
            new BigInteger(64, RANDOM).add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(2))),
            subjectName,
            keys.getPublic());
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        extensions.createSubjectKeyIdentifier(keys.getPublic()));
    if (issuer != null) {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(issuer.certificate()));
    }
    if (ca) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      // Both purposes: the broker also authenticates as a client on its inter-broker listener.
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    }
    if (altNames != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, altNames);
    }
    KeyPair signer = issuer == null ? keys : issuer.keys();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    certificate.verify(signer.getPublic());
    return new Issued(certificate, keys);
  }
}
