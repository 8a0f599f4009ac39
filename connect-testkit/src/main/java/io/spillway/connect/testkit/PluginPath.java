package io.spillway.connect.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Turns plugin archives into a worker {@code plugin.path} value.
 *
 * <p>Accepted archives are the two outputs of the shared assembly: the unpacked directory {@code
 * target/<artifact>-<version>/} (which holds {@code <artifact>/lib/*.jar}) and the {@code .zip}
 * with the same layout, which is unzipped into the work directory. Either way the plugin.path entry
 * is the directory <em>above</em> {@code <artifact>/}, since Connect treats each child of a
 * plugin.path entry as one isolated plugin.
 */
public final class PluginPath {

  private PluginPath() {}

  /**
   * Returns the comma-separated plugin.path for {@code archives}; with none, an empty directory
   * under {@code workDir}, because a 4.3 distributed worker rejects an empty plugin.path.
   */
  static String prepare(Path workDir, List<Path> archives) throws IOException {
    List<String> entries = new ArrayList<>();
    if (archives.isEmpty()) {
      entries.add(Files.createDirectories(workDir.resolve("plugins")).toString());
    }
    for (int i = 0; i < archives.size(); i++) {
      Path archive = archives.get(i).toAbsolutePath().normalize();
      if (Files.isDirectory(archive)) {
        entries.add(archive.toString());
      } else if (Files.isRegularFile(archive) && archive.toString().endsWith(".zip")) {
        entries.add(unzip(archive, workDir.resolve("plugins-" + i)).toString());
      } else {
        throw new IllegalArgumentException(
            "Plugin archive "
                + archive
                + " is neither a directory nor a .zip file (was the module packaged?)");
      }
    }
    return String.join(",", entries);
  }

  /** Unzips a plugin archive into {@code target}, refusing entries that would escape it. */
  public static Path unzip(Path zip, Path target) throws IOException {
    Files.createDirectories(target);
    try (InputStream file = Files.newInputStream(zip);
        ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path out = target.resolve(entry.getName()).normalize();
        // Reject "../" entries: an archive must not write outside its temp directory.
        if (!out.startsWith(target)) {
          throw new IOException("Zip entry " + entry.getName() + " escapes " + target);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(in, out);
        }
      }
    }
    return target;
  }

  /** Deletes {@code dir} and everything below it; best effort, as it only holds temp files. */
  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(PluginPath::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A leftover temp file must not fail a test that otherwise passed.
    }
  }
}
