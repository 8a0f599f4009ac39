package io.spillway.connect.common.policy;

import io.spillway.connect.common.config.FlattenConfig;
import io.spillway.connect.common.flatten.FlatColumn;
import io.spillway.connect.common.flatten.ValueText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;

/**
 * Per-column policies applied after flattening: {@code hash} replaces a value by the hex SHA-256 of
 * the secret salt followed by the value's UTF-8 text (a STRING column; nulls stay null), {@code
 * block} drops the column. Not thread-safe: reuses one digest.
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

  public static ColumnPolicies from(FlattenConfig config) {
    return new ColumnPolicies(
        Set.copyOf(config.hashColumns()),
        Set.copyOf(config.blockColumns()),
        config.hashSalt() == null ? null : config.hashSalt().value());
  }

  public boolean isEmpty() {
    return hashed.isEmpty() && blocked.isEmpty();
  }

  /** Applies the policies to a row's columns, in place. */
  public void apply(List<FlatColumn> columns) {
    if (isEmpty()) {
      return;
    }
    columns.removeIf(column -> blocked.contains(column.name()));
    for (int i = 0; i < columns.size(); i++) {
      FlatColumn column = columns.get(i);
      if (hashed.contains(column.name())) {
        String text = ValueText.of(column.schema(), column.value());
        columns.set(
            i,
            new FlatColumn(
                column.name(), Schema.OPTIONAL_STRING_SCHEMA, text == null ? null : hash(text)));
      }
    }
  }

  /** Hex SHA-256 of salt + UTF-8 text. */
  public String hash(String text) {
    sha256.reset();
    sha256.update(salt);
    return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
