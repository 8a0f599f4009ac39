package io.spillway.connect.common.kafka;

import io.spillway.connect.testkit.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;

/**
 * Writes an RSA key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) from its numbers, independently of
 * the code under test: RSAPrivateKey ::= SEQUENCE { version 0, n, e, d, p, q, dp, dq, qinv }.
 */
final class Pkcs1 {
  private Pkcs1() {}

  static String pem(RSAPrivateCrtKey key) {
    BigInteger[] numbers = {
      BigInteger.ZERO,
      key.getModulus(),
      key.getPublicExponent(),
      key.getPrivateExponent(),
      key.getPrimeP(),
      key.getPrimeQ(),
      key.getPrimeExponentP(),
      key.getPrimeExponentQ(),
      key.getCrtCoefficient()
    };
    ByteArrayOutputStream integers = new ByteArrayOutputStream();
    for (BigInteger number : numbers) {
      // toByteArray is the minimal two's complement form that DER requires.
      integers.writeBytes(tlv(0x02, number.toByteArray()));
    }
    return TestCertificates.pem("RSA PRIVATE KEY", tlv(0x30, integers.toByteArray()));
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 128) {
      out.write(length);
    } else {
      byte[] bytes = BigInteger.valueOf(length).toByteArray();
      int skip = bytes[0] == 0 ? 1 : 0;
      out.write(0x80 | (bytes.length - skip));
      out.write(bytes, skip, bytes.length - skip);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
