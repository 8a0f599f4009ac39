package io.spillway.connect.common.kafka;

import io.spillway.connect.common.config.ConfigKeyException;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * Turns the client key into the unencrypted PKCS#8 PEM that Kafka's PEM keystore reads. Heroku
 * hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), which Kafka rejects, so it is rewrapped.
 */
final class PrivateKeys {
  /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL } in DER. */
  private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");

  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
  private static final int SEQUENCE = 0x30;
  private static final int OCTET_STRING = 0x04;

  /** Unencrypted PKCS#8 DER of the key, and the RSA key itself when it is one (else null). */
  record Key(byte[] pkcs8, RSAPrivateKey rsa) {
    String pem() {
      return Pem.encode("PRIVATE KEY", pkcs8);
    }
  }

  private PrivateKeys() {}

  static Key read(String pem, String setting) {
    List<Pem.Block> blocks = Pem.blocks(pem, setting);
    if (blocks.size() != 1) {
      throw new ConfigKeyException(setting, "expected one private key, found " + blocks.size());
    }
    Pem.Block block = blocks.get(0);
    switch (block.type()) {
      case "RSA PRIVATE KEY":
        if (block.headers()) {
          throw encrypted(setting);
        }
        byte[] pkcs8 = pkcs1ToPkcs8(block.der());
        RSAPrivateKey rsa = rsa(pkcs8);
        if (rsa == null) {
          throw new ConfigKeyException(setting, "the RSA PRIVATE KEY block is not a valid key");
        }
        return new Key(pkcs8, rsa);
      case "PRIVATE KEY":
        // Kept byte for byte: Kafka reads any unencrypted PKCS#8 key, RSA or not.
        return new Key(block.der(), rsa(block.der()));
      case "ENCRYPTED PRIVATE KEY":
        throw encrypted(setting);
      case "EC PRIVATE KEY":
        throw new ConfigKeyException(
            setting,
            "EC keys in SEC1 form (BEGIN EC PRIVATE KEY) are not supported; convert with"
                + " 'openssl pkcs8 -topk8 -nocrypt' (Heroku's own keys are RSA)");
      default:
        throw new ConfigKeyException(
            setting, "expected a private key, found a " + block.type() + " block");
    }
  }

  /**
   * PKCS#8 PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING holding the
   * PKCS#1 RSAPrivateKey }. Hand-written DER so the plugin needs no crypto library.
   */
  static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    return der(SEQUENCE, VERSION_0, RSA_ALGORITHM, der(OCTET_STRING, pkcs1));
  }

  private static RSAPrivateKey rsa(byte[] pkcs8) {
    try {
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no RSA support", e);
    } catch (GeneralSecurityException | ClassCastException e) {
      return null;
    }
  }

  private static ConfigKeyException encrypted(String setting) {
    return new ConfigKeyException(
        setting,
        "encrypted private keys are not supported; decrypt with"
            + " 'openssl pkcs8 -topk8 -nocrypt'");
  }

  private static byte[] der(int tag, byte[]... contents) {
    int length = 0;
    for (byte[] content : contents) {
      length += content.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    writeLength(out, length);
    for (byte[] content : contents) {
      out.writeBytes(content);
    }
    return out.toByteArray();
  }

  /** DER definite length: short form below 128, else 0x80 | byte count, then big-endian bytes. */
  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    out.write(0x80 | bytes);
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out.write(length >>> shift);
    }
  }

  private static byte[] hex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
