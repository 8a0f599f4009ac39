package io.spillway.connect.bench;

import java.util.Locale;

/** Number formats the report and the plot share. */
final class BenchFormat {
  private BenchFormat() {}

  /** 1.85× */
  static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  /** 1.85× (1.70–2.01) */
  static String ratioRange(RowResult row) {
    return String.format(
        Locale.ROOT, "%.2f× (%.2f–%.2f)", row.ratioMedian(), row.ratioMin(), row.ratioMax());
  }

  /** A figure with thousands separators, decimals only below 100. */
  static String figure(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return Math.abs(value) >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  /** A plain number without trailing zeros: 0.1, 1, 0.0003. */
  static String number(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** 1,234.5 MB, or 491 B below 100 kB */
  static String bytes(long bytes) {
    return bytes < 100_000
        ? String.format(Locale.ROOT, "%,d B", bytes)
        : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }
}
