package io.spillway.connect.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic ~1 KB JSON orders with 10 first-level fields (strings, numbers, a boolean, an array
 * and a nested object), the input of {@link SourceReplicationBenchmark}. Record {@code i} is the
 * same in every run: its random choices come from a generator seeded with {@code i}.
 */
final class OrderJson {
  /** Each record is padded (through its {@code note} field) to this many bytes plus 0-63. */
  static final int TARGET_BYTES = 1000;

  private static final String[] STATUSES = {"NEW", "PAID", "PICKED", "SHIPPED", "DELIVERED"};
  private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};
  private static final String[] CITIES = {"Lyon", "Porto", "Leeds", "Graz", "Turku", "Gent"};
  private static final String[] WORDS = {
    "parcel",
    "fragile",
    "leave",
    "at",
    "the",
    "door",
    "ring",
    "twice",
    "gift",
    "wrap",
    "please",
    "customer",
    "called",
    "about",
    "delivery",
    "window",
    "morning",
    "evening",
    "neighbour",
    "ok"
  };

  private OrderJson() {}

  /** The record key: {@code order-<i>}. */
  static byte[] key(long i) {
    return ("order-" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** The JSON value of order {@code i}. */
  static byte[] value(long i) {
    SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 17);
    StringBuilder json = new StringBuilder(TARGET_BYTES + 128);
    json.append("{\"order_id\":").append(i);
    json.append(",\"customer_id\":\"C").append(String.format(Locale.ROOT, "%08d", i % 250_000));
    json.append("\",\"email\":\"customer").append(i % 250_000).append("@example.com\"");
    json.append(",\"status\":\"").append(STATUSES[random.nextInt(STATUSES.length)]).append('"');
    json.append(",\"amount\":")
        .append(String.format(Locale.ROOT, "%.2f", random.nextInt(1, 1_000_000) / 100.0));
    json.append(",\"currency\":\"").append(CURRENCIES[random.nextInt(CURRENCIES.length)]);
    json.append("\",\"gift\":").append(random.nextBoolean());
    json.append(",\"items\":[");
    int items = random.nextInt(1, 6);
    for (int n = 0; n < items; n++) {
      json.append(n == 0 ? "" : ",")
          .append("{\"sku\":\"SKU-")
          .append(random.nextInt(100_000))
          .append("\",\"qty\":")
          .append(random.nextInt(1, 10))
          .append(",\"price\":")
          .append(String.format(Locale.ROOT, "%.2f", random.nextInt(100, 50_000) / 100.0))
          .append('}');
    }
    json.append("],\"shipping_address\":{\"street\":\"")
        .append(random.nextInt(1, 300))
        .append(" Rue du Port\",\"city\":\"")
        .append(CITIES[random.nextInt(CITIES.length)])
        .append("\",\"zip\":\"")
        .append(String.format(Locale.ROOT, "%05d", random.nextInt(100_000)))
        .append("\"}");
    json.append(",\"note\":\"");
    int target = TARGET_BYTES + random.nextInt(64) - 2; // minus the closing "}
    String separator = "";
    while (json.length() < target) {
      json.append(separator).append(WORDS[random.nextInt(WORDS.length)]);
      separator = " ";
    }
    json.append("\"}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
