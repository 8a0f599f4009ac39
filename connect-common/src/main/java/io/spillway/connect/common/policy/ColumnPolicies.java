package io.spillway.connect.common.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Per-column policies, applied by the flattener after it built a row: {@code hash} replaces a value
 * by the hex SHA-256 of the secret salt followed by the value's UTF-8 text (a STRING column; nulls
 * stay null), {@code block} drops the column. Knows column names and text only, so it depends on no
 * other package. Not thread-safe: reuses one digest.
 */
public final class ColumnPolicies {
  private final Set<String> hashed;
  private final Set<String> blocked;
  private final byte[] salt;
  private final MessageDigest sha256;

  public ColumnPolicies(Set<String> hashed, Set<String> blocked, String salt) {
    this.hashed = Set.copyOf(hashed);
    this.blocked = Set.copyOf(blocked);
    this.salt = salt == null ? new byte[0] : salt.getBytes(StandardCharsets.UTF_8);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public boolean isEmpty() {
    return hashed.isEmpty() && blocked.isEmpty();
  }

  /** True when the column is dropped from every row. */
  public boolean blocks(String column) {
    return blocked.contains(column);
  }

  /** True when the column's value is replaced by {@link #hash(String)} of its text. */
  public boolean hashes(String column) {
    return hashed.contains(column);
  }

  /** Hex SHA-256 of salt + UTF-8 text. */
  public String hash(String text) {
    sha256.reset();
    sha256.update(salt);
    return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
