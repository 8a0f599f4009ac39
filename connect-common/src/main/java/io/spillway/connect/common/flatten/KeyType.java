package io.spillway.connect.common.flatten;

import java.util.Locale;

/** How raw key bytes are decoded. */
public enum KeyType {
  TEXT,
  AVRO;

  public static KeyType parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
