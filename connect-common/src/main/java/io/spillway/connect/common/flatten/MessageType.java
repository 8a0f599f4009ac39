package io.spillway.connect.common.flatten;

import java.util.Locale;

/** How raw value bytes (or strings) are decoded. */
public enum MessageType {
  TEXT,
  JSON,
  AVRO;

  public static MessageType parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
