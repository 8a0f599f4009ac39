package io.spillway.connect.kinesis.write;

import io.spillway.connect.kinesis.KinesisSinkConfig.StreamNameStyle;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The destination stream of each topic: {@code stream.name.format} with {@code ${topic}}, as it is
 * ('plain') or named the way Airbyte's Kinesis destination names streams ('airbyte':
 * namespace_name, other characters than letters, digits and '_' replaced, cut at 128).
 */
public final class StreamNames {
  private static final String TOPIC = "${topic}";
  private static final int MAX_LENGTH = 128;
  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private final String format;
  private final StreamNameStyle style;
  private final String namespace;
  private final Map<String, String> byTopic = new HashMap<>();

  public StreamNames(String format, StreamNameStyle style, String namespace) {
    this.format = format;
    this.style = style;
    this.namespace = namespace;
  }

  /** The stream of a topic; throws when a plain name is not a valid stream name. */
  public String of(String topic) {
    return byTopic.computeIfAbsent(topic, this::name);
  }

  private String name(String topic) {
    String formatted = format.replace(TOPIC, topic);
    if (style == StreamNameStyle.AIRBYTE) {
      return airbyte(namespace, formatted);
    }
    if (!VALID.matcher(formatted).matches()) {
      throw new IllegalArgumentException(
          "'"
              + formatted
              + "' (stream.name.format for topic '"
              + topic
              + "') is not a valid Kinesis stream name: use letters, digits, '_', '-', '.', at"
              + " most 128 characters, or stream.name.style=airbyte");
    }
    return formatted;
  }

  /** Airbyte's KinesisNameTransformer: namespace + "_" + stream, sanitised, at most 128 chars. */
  static String airbyte(String namespace, String stream) {
    // As Airbyte's Names.toAlphanumericAndUnderscore: accents dropped first ("é" becomes "e").
    String joined =
        Normalizer.normalize(
                (namespace == null ? "" : namespace) + "_" + stream, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "");
    StringBuilder name = new StringBuilder(joined.length());
    for (int i = 0; i < joined.length(); i++) {
      char c = joined.charAt(i);
      name.append((c < 128 && Character.isLetterOrDigit(c)) || c == '_' ? c : '_');
    }
    return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name.toString();
  }

  /**
   * Why a plain format can never give a valid name (its fixed text has invalid characters), or
   * {@code null}. Topic names themselves only hold characters streams allow.
   */
  public static String invalidPlainFormat(String format) {
    String fixed = format.replace(TOPIC, "t");
    if (!VALID.matcher(fixed).matches()) {
      return "stream names may hold letters, digits, '_', '-', '.' only (or use"
          + " stream.name.style=airbyte)";
    }
    return null;
  }
}
