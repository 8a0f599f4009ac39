package io.spillway.connect.docs;

import io.spillway.connect.docs.PluginCatalog.Archive;
import io.spillway.connect.docs.PluginCatalog.Plugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates {@code docs/reference/<archive>.md} for every {@link PluginCatalog} entry. The build
 * does not run this: {@code ConfigReferenceTest} compares its output with the committed files and,
 * with {@code -Dspillway.docs.update=true}, rewrites them. {@link #main} is for IDE use.
 */
public final class ReferenceGenerator {

  /** The command that regenerates the committed reference; quoted in failures and the README. */
  public static final String UPDATE_COMMAND = "mvn -pl docs -am test -Dspillway.docs.update=true";

  /** System property naming the reference directory; set by surefire in docs/pom.xml. */
  public static final String REFERENCE_DIR_PROPERTY = "spillway.docs.reference.dir";

  private ReferenceGenerator() {}

  /**
   * Writes every archive's reference and deletes reference files no catalog entry produces. The
   * directory is {@code args[0]}, else {@value #REFERENCE_DIR_PROPERTY}, else {@code
   * docs/reference} relative to the working directory (the repository root).
   */
  public static void main(String[] args) throws IOException {
    Path dir =
        Path.of(
            args.length > 0
                ? args[0]
                : System.getProperty(REFERENCE_DIR_PROPERTY, "docs/reference"));
    for (Path written : writeAll(dir)) {
      System.out.println("wrote " + written);
    }
    for (Path orphan : orphans(dir)) {
      Files.delete(orphan);
      System.out.println("deleted " + orphan);
    }
  }

  /** The rendered reference of every catalog archive, keyed by archive name, in catalog order. */
  public static Map<String, String> renderAll() {
    Map<String, String> rendered = new LinkedHashMap<>();
    for (Archive archive : PluginCatalog.archives()) {
      rendered.put(archive.name(), render(archive));
    }
    return rendered;
  }

  /**
   * Renders one archive: {@code # title}, a paragraph saying the file is generated, then one {@code
   * ##} section per plugin class with its contents, groups ({@code ###}) and keys ({@code ####}).
   * Plugins are always nested one level down, so adding a second plugin to an archive does not
   * re-level the whole file.
   */
  public static String render(Archive archive) {
    ConfigReferenceRenderer renderer = new ConfigReferenceRenderer();
    StringBuilder out = new StringBuilder(renderer.heading(1, archive.title()));
    out.append("Configuration reference for the plugins in ")
        .append(archive.shippedIn())
        .append(". This file is generated from the plugins' `ConfigDef`s;")
        .append(" do not edit it by hand, regenerate it with ")
        .append(Markdown.code(UPDATE_COMMAND))
        .append(".\n\n");
    for (Plugin plugin : PluginCatalog.load(archive)) {
      Class<?> type = plugin.type();
      PluginKind kind = PluginKind.of(type);
      String noun = kind.noun();
      String intro =
          Character.toUpperCase(noun.charAt(0))
              + noun.substring(1)
              + " "
              + Markdown.code(type.getName())
              + ". "
              + kind.usage(type);
      String title = Markdown.code(type.getSimpleName());
      out.append(renderer.section(2, title, intro, plugin.config()));
    }
    return Markdown.finish(out);
  }

  /** Where an archive's reference lives inside the reference directory. */
  public static Path referenceFile(Path dir, Archive archive) {
    return dir.resolve(archive.name() + ".md");
  }

  /** Renders and writes every archive's reference; returns the files written. */
  public static List<Path> writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Archive archive : PluginCatalog.archives()) {
      Path file = referenceFile(dir, archive);
      Files.writeString(file, render(archive), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }

  /**
   * Markdown files in the reference directory that no catalog entry generates, such as the file of
   * an archive that was renamed or dropped from the catalog. They would silently go stale.
   */
  public static List<Path> orphans(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Set<Path> expected =
        PluginCatalog.archives().stream()
            .map(archive -> referenceFile(dir, archive))
            .collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".md"))
          .filter(file -> !expected.contains(file))
          .sorted()
          .toList();
    }
  }
}
