package io.spillway.connect.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Renders a Kafka {@link ConfigDef} as a Markdown reference: a title, an intro paragraph, a
 * contents table with every key's one-line summary, then one section per group with a heading, the
 * documentation and an attribute table for each key.
 *
 * <p>The output depends only on the {@code ConfigDef}, so the committed reference files can be
 * compared byte for byte with a fresh rendering. An instance renders one output document: it
 * remembers the headings already written so that links into repeated headings stay correct.
 */
public final class ConfigReferenceRenderer {

  /** Orders keys inside a group the way Connect's own UIs do, with the name as tie-breaker. */
  private static final Comparator<ConfigKey> IN_GROUP =
      Comparator.<ConfigKey>comparingInt(key -> key.orderInGroup).thenComparing(key -> key.name);

  private final Markdown.Anchors anchors = new Markdown.Anchors();

  /** Creates a renderer for one new output document. */
  public ConfigReferenceRenderer() {}

  /**
   * Renders a standalone document: {@code # title}, the intro, {@code ## Contents}, one {@code ##}
   * heading per group and a {@code ###} heading per key. Ends with exactly one newline.
   */
  public static String render(String title, String intro, ConfigDef definition) {
    return Markdown.finish(new ConfigReferenceRenderer().section(1, title, intro, definition));
  }

  /**
   * Writes a heading of this document, reserving its anchor, for content that is composed around
   * the rendered sections (such as an archive title above several plugins).
   */
  public String heading(int level, String text) {
    anchors.next(text);
    return Markdown.heading(level, text);
  }

  /**
   * Renders one configuration as a section of this document: the title at {@code level}, the
   * contents and groups one level below, the keys two levels below. {@code intro} is Markdown.
   */
  public String section(int level, String title, String intro, ConfigDef definition) {
    StringBuilder out = new StringBuilder(heading(level, title));
    out.append(intro.strip()).append("\n\n");
    List<Group> groups = groups(definition);
    if (groups.isEmpty()) {
      return out.append("This plugin has no configuration properties.\n\n").toString();
    }
    // Headings must claim anchors in document order, and the contents table comes first, so its
    // heading is claimed now and its rows are filled in while the body is rendered.
    String contentsHeading = heading(level + 1, "Contents");
    StringBuilder contents = new StringBuilder("| Property | Summary |\n|---|---|\n");
    StringBuilder body = new StringBuilder();
    for (Group group : groups) {
      body.append(heading(level + 1, group.title()));
      for (ConfigKey key : group.keys()) {
        String keyHeading = Markdown.code(key.name);
        String anchor = anchors.next(keyHeading);
        contents.append(
            row(
                "[" + keyHeading + "](#" + anchor + ")",
                Markdown.prose(ConfigValues.summary(key))));
        body.append(Markdown.heading(level + 2, keyHeading));
        appendKey(body, key);
      }
    }
    return out.append(contentsHeading).append(contents).append('\n').append(body).toString();
  }

  private static void appendKey(StringBuilder out, ConfigKey key) {
    String documentation = key.documentation == null ? "" : key.documentation.strip();
    out.append(documentation.isEmpty() ? "_Undocumented._" : Markdown.prose(documentation))
        .append("\n\n");
    out.append("| Attribute | Value |\n|---|---|\n");
    out.append(row("Type", ConfigValues.type(key)));
    out.append(row("Default", ConfigValues.defaultValue(key)));
    ConfigValues.validValues(key).ifPresent(valid -> out.append(row("Valid values", valid)));
    out.append(row("Importance", ConfigValues.importance(key)));
    if (key.dependents != null && !key.dependents.isEmpty()) {
      out.append(row("Dependents", ConfigValues.dependents(key)));
    }
    out.append('\n');
  }

  private static String row(String left, String right) {
    return "| " + Markdown.cell(left) + " | " + Markdown.cell(right) + " |\n";
  }

  /**
   * Groups in {@link ConfigDef#groups()} order, then the ungrouped keys. Those are titled "Other"
   * next to real groups, but "Properties" when nothing is grouped, where "Other" would read oddly.
   * Internal keys are skipped, as in Kafka's own generated docs: they are not for users.
   */
  private static List<Group> groups(ConfigDef definition) {
    Map<String, List<ConfigKey>> byGroup = new LinkedHashMap<>();
    definition.groups().forEach(group -> byGroup.put(group, new ArrayList<>()));
    List<ConfigKey> ungrouped = new ArrayList<>();
    for (ConfigKey key : definition.configKeys().values()) {
      if (key.internalConfig) {
        continue;
      }
      if (key.group == null) {
        ungrouped.add(key);
      } else {
        byGroup.computeIfAbsent(key.group, group -> new ArrayList<>()).add(key);
      }
    }
    List<Group> groups = new ArrayList<>();
    byGroup.forEach(
        (title, keys) -> {
          if (!keys.isEmpty()) {
            groups.add(new Group(title, keys));
          }
        });
    if (!ungrouped.isEmpty()) {
      groups.add(new Group(groups.isEmpty() ? "Properties" : "Other", ungrouped));
    }
    groups.forEach(group -> group.keys().sort(IN_GROUP));
    return groups;
  }

  private record Group(String title, List<ConfigKey> keys) {}
}
