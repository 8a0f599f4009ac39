package io.spillway.connect.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.spillway.connect.docs.PluginCatalog.Archive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps {@code docs/reference} in step with the plugins: every catalog archive is rendered and
 * compared with its committed file. With {@code -Dspillway.docs.update=true} the files are
 * rewritten instead, so changing a ConfigDef and regenerating is one command.
 */
class ConfigReferenceTest {

  private static final boolean UPDATE =
      Boolean.parseBoolean(System.getProperty("spillway.docs.update"));

  /** Set by surefire (docs/pom.xml); the fallback serves IDE runs from the module directory. */
  private static final Path DIR =
      Path.of(System.getProperty(ReferenceGenerator.REFERENCE_DIR_PROPERTY, "reference"));

  @TestFactory
  Stream<DynamicTest> committedReferenceIsUpToDate() {
    return PluginCatalog.archives().stream()
        .map(archive -> dynamicTest(archive.name(), () -> check(archive)));
  }

  @Test
  void everyReferenceFileBelongsToTheCatalog() throws IOException {
    List<Path> orphans = ReferenceGenerator.orphans(DIR);
    if (UPDATE) {
      for (Path orphan : orphans) {
        Files.delete(orphan);
      }
      return;
    }
    assertEquals(
        List.of(),
        orphans,
        "Reference files that no PluginCatalog entry generates; delete them or regenerate with: "
            + ReferenceGenerator.UPDATE_COMMAND);
  }

  private static void check(Archive archive) throws IOException {
    String generated = ReferenceGenerator.render(archive);
    Path file = ReferenceGenerator.referenceFile(DIR, archive);
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    if (generated.equals(committed)) {
      return;
    }
    if (UPDATE) {
      Files.createDirectories(DIR);
      Files.writeString(file, generated, StandardCharsets.UTF_8);
      return;
    }
    String problem =
        committed == null
            ? "is missing"
            : "is stale (" + firstDifference(committed, generated) + ")";
    fail(
        file
            + " "
            + problem
            + ". Regenerate it with: "
            + ReferenceGenerator.UPDATE_COMMAND
            + " and commit the result.");
  }

  /** Names the first differing line, so the failure says what changed without a full diff. */
  private static String firstDifference(String committed, String generated) {
    List<String> before = committed.lines().toList();
    List<String> after = generated.lines().toList();
    for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
      String was = i < before.size() ? before.get(i) : "<end of file>";
      String now = i < after.size() ? after.get(i) : "<end of file>";
      if (!was.equals(now)) {
        return "first difference at line "
            + (i + 1)
            + ": committed '"
            + was
            + "', generated '"
            + now
            + "'";
      }
    }
    return "line endings or trailing newline differ";
  }
}
