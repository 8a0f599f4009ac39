package io.spillway.connect.docs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** GitHub-flavoured Markdown building blocks shared by the renderer and the generator. */
final class Markdown {

  private Markdown() {}

  /** A heading line followed by the blank line that separates it from the next block. */
  static String heading(int level, String text) {
    if (level < 1 || level > 6) {
      throw new IllegalArgumentException("Markdown headings go from level 1 to 6, not " + level);
    }
    return "#".repeat(level) + " " + text + "\n\n";
  }

  /**
   * Wraps text in a code span. The fence is one backtick longer than the longest backtick run
   * inside, so values that contain backticks still render verbatim.
   */
  static String code(String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return fence + pad + text + pad + fence;
  }

  /**
   * Makes text safe for one table cell: a line break would end the row, and GFM splits cells on
   * every unescaped pipe, even inside code spans.
   */
  static String cell(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
  }

  /**
   * Makes prose safe as Markdown text: ConfigDef docs say things like {@code value_<field>}, which
   * GitHub would otherwise swallow as an HTML tag.
   */
  static String prose(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Strips trailing blank lines so that every generated file ends with exactly one newline. */
  static String finish(CharSequence document) {
    return document.toString().stripTrailing() + "\n";
  }

  /**
   * Hands out heading anchors the way GitHub computes them (github-slugger), including the {@code
   * -1}, {@code -2} suffixes for repeated headings, so table-of-contents links stay correct when
   * two plugins in one file share a property name. One instance per output document.
   */
  static final class Anchors {
    private final Map<String, Integer> occurrences = new HashMap<>();

    /** Registers the next heading of the document and returns its anchor. */
    String next(String headingMarkdown) {
      String base = slug(headingMarkdown);
      String anchor = base;
      while (occurrences.containsKey(anchor)) {
        int n = occurrences.merge(base, 1, Integer::sum);
        anchor = base + "-" + n;
      }
      occurrences.put(anchor, 0);
      return anchor;
    }

    static String slug(String headingMarkdown) {
      StringBuilder slug = new StringBuilder();
      // Backticks and other punctuation are not part of the heading's text: GitHub drops them,
      // keeping letters, digits, '-' and '_', and turning spaces into '-'.
      headingMarkdown
          .toLowerCase(Locale.ROOT)
          .codePoints()
          .forEach(
              c -> {
                if (c == ' ') {
                  slug.append('-');
                } else if (c == '-' || c == '_' || Character.isLetterOrDigit(c)) {
                  slug.appendCodePoint(c);
                }
              });
      return slug.toString();
    }
  }
}
