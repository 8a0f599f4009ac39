package io.spillway.connect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPathTest {

  @TempDir Path temp;

  @Test
  void withoutArchivesPointsAtAnEmptyFolder() throws IOException {
    Path dir = Path.of(PluginPath.prepare(temp.resolve("work"), List.of()));
    assertTrue(Files.isDirectory(dir));
    try (var children = Files.list(dir)) {
      assertEquals(0, children.count());
    }
  }

  @Test
  void usesDirectoriesAsIsAndUnzipsZips() throws IOException {
    Path unpacked = Files.createDirectories(temp.resolve("a-1.0/a/lib"));
    Path zip = zip(temp.resolve("b-1.0.zip"), "b/lib/b.jar", "b/manifest.json");

    String[] entries =
        PluginPath.prepare(temp.resolve("work"), List.of(unpacked.getParent().getParent(), zip))
            .split(",");

    assertEquals(2, entries.length);
    assertEquals(temp.resolve("a-1.0").toString(), entries[0]);
    assertTrue(Files.isRegularFile(Path.of(entries[1], "b/lib/b.jar")), entries[1]);
  }

  @Test
  void rejectsMissingArchivesAndEscapingEntries() throws IOException {
    Path work = temp.resolve("work");
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> PluginPath.prepare(work, List.of(temp.resolve("nope.zip"))));
    assertTrue(missing.getMessage().contains("nope.zip"), missing.getMessage());

    Path evil = zip(temp.resolve("evil.zip"), "../outside.jar");
    assertThrows(IOException.class, () -> PluginPath.prepare(work, List.of(evil)));
    assertTrue(Files.notExists(work.resolve("outside.jar")));
  }

  @Test
  void deletesRecursively() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("x/y/z"));
    Files.writeString(dir.resolve("f"), "data");
    PluginPath.deleteRecursively(temp.resolve("x"));
    assertTrue(Files.notExists(temp.resolve("x")));
  }

  private static Path zip(Path zip, String... names) throws IOException {
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        out.write(name.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip;
  }
}
