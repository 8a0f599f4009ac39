package io.spillway.connect.common.flatten;

import java.util.Locale;

/** Whether value fields become columns. */
public enum FlattenMode {
  AUTO,
  PACKED,
  UNPACKED;

  public static FlattenMode parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
