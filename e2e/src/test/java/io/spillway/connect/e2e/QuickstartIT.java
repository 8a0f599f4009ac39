package io.spillway.connect.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, run as a user runs it: quickstart.sh starts everything and prints the
 * final table, quickstart.sh stop stops it all and removes its files.
 */
class QuickstartIT {
  private static final Path SCRIPT = LocalKafka.ROOT.resolve("quickstart/quickstart.sh");

  private static String run(Path work, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = SCRIPT.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Path output = Files.createTempFile("quickstart-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(LocalKafka.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("SPILLWAY_QUICKSTART_DIR", work.toString());
    Process process = builder.start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    String text = Files.readString(output);
    Files.deleteIfExists(output);
    if (!finished) {
      process.destroyForcibly();
    }
    assertTrue(finished, "quickstart.sh timed out:\n" + text);
    assertEquals(0, process.exitValue(), "quickstart.sh " + String.join(" ", args) + ":\n" + text);
    return text;
  }

  @Test
  void startsPrintsTheFinalTableAndStopsEverything() throws Exception {
    // PostgreSQL runs as the postgres user when this runs as root: it must reach the folder.
    Path parent =
        Files.createTempDirectory(
            "spillway-quickstart-it-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path work = parent.resolve("run");
    try {
      String started = run(work);
      assertTrue(started.contains("(17 rows)"), started);
      assertTrue(started.contains("{\"source_0\":\"web\",\"source_1\":\"checkout\""), started);
      assertTrue(started.contains("\"state\":\"RUNNING\""), started);
      String brokerPid = Files.readString(work.resolve("broker.pid")).trim();
      String workerPid = Files.readString(work.resolve("worker.pid")).trim();
      run(work, "stop");
      assertFalse(Files.exists(work), "stop removes " + work);
      assertFalse(
          ProcessHandle.of(Long.parseLong(brokerPid)).map(ProcessHandle::isAlive).orElse(false));
      assertFalse(
          ProcessHandle.of(Long.parseLong(workerPid)).map(ProcessHandle::isAlive).orElse(false));
    } finally {
      if (Files.exists(work)) {
        run(work, "stop");
      }
      Files.deleteIfExists(parent);
    }
  }
}
