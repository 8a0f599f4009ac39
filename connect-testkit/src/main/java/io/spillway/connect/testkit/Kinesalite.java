package io.spillway.connect.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * kinesalite, a Kinesis API server from the npm registry, as the Kinesis endpoint of tests. This
 * class finds {@code .tools/kinesalite/node_modules/kinesalite/cli.js} from the working directory
 * upwards (or in the folder the system property {@value #HOME_PROPERTY} names); where it is missing
 * it runs {@code npm install --prefix .tools/kinesalite kinesalite@3.3.3} in the repository root
 * once (as {@code .ci/run} does up front), so the tests need Node.js and npm, nothing else. It
 * serves HTTPS (the KPL speaks nothing else) with a self-signed, expired certificate: clients must
 * not verify it.
 *
 * <p>Streams live in a LevelDB folder of the instance, so {@link #stop()} then {@link #start()}
 * (same port, same data) is an endpoint outage that loses nothing.
 */
public final class Kinesalite implements AutoCloseable {
  /** Overrides where kinesalite was installed (the folder given to {@code npm --prefix}). */
  public static final String HOME_PROPERTY = "spillway.kinesalite.home";

  /** The kinesalite release the tests run against (the one FACTS.md measured). */
  public static final String VERSION = "3.3.3";

  private static final String CLI = "node_modules/kinesalite/cli.js";
  private static final Path DEFAULT_HOME = Path.of(".tools", "kinesalite");

  private final Path cli;
  private final Path data;
  private final int port;
  private final Thread killOnExit;
  private Process process;

  private Kinesalite(Path cli, Path data, int port) {
    this.cli = cli;
    this.data = data;
    this.port = port;
    this.killOnExit = new Thread(this::kill, "kinesalite-kill");
  }

  /** Starts a new, empty kinesalite on a free port. */
  public static Kinesalite launch() {
    try {
      Kinesalite kinesalite =
          new Kinesalite(findCli(), Files.createTempDirectory("spillway-kinesalite-"), freePort());
      Runtime.getRuntime().addShutdownHook(kinesalite.killOnExit);
      kinesalite.start();
      return kinesalite;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized Path findCli() {
    String home = System.getProperty(HOME_PROPERTY);
    List<Path> tried = new ArrayList<>();
    if (home != null && !home.isBlank()) {
      tried.add(Path.of(home).resolve(CLI));
    } else {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        tried.add(dir.resolve(DEFAULT_HOME).resolve(CLI));
      }
    }
    Optional<Path> found = tried.stream().filter(Files::isRegularFile).findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    // Not installed yet: fetch it from npm once, so `mvn -B verify` needs no step of its own.
    Path prefix =
        home != null && !home.isBlank()
            ? Path.of(home)
            : repositoryRoot(Path.of("").toAbsolutePath()).resolve(DEFAULT_HOME);
    install(prefix);
    Path cli = prefix.resolve(CLI);
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          "kinesalite is not installed (looked for "
              + tried
              + ") and `npm install` did not install it: run `npm install --prefix"
              + " .tools/kinesalite kinesalite@3.3.3` in the repository root, as .ci/run does");
    }
    return cli;
  }

  /** The nearest folder upwards that holds {@code .ci/run}: the repository root. */
  private static Path repositoryRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(".ci").resolve("run"))) {
        return dir;
      }
    }
    return start;
  }

  private static void install(Path prefix) {
    List<String> command =
        List.of(
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            prefix.toString(),
            "kinesalite@" + VERSION);
    try {
      // Output to ours, but never our stdin: a test fork's stdin is Surefire's command channel,
      // and node sets the descriptors it inherits non-blocking ("std/in stream corrupted").
      Process npm =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      npm.getOutputStream().close();
      if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " failed: the Kinesis tests need Node.js and npm");
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot run npm to install kinesalite (the Kinesis tests need Node.js and npm): "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while installing kinesalite", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts the server (again, after {@link #stop()}) and waits until it listens. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command =
        List.of(
            "node",
            cli.toString(),
            "--ssl",
            "--port",
            Integer.toString(port),
            "--path",
            data.toString(),
            // Streams are ACTIVE at once, and one account may hold far more than 10 shards.
            "--createStreamMs",
            "0",
            "--deleteStreamMs",
            "0",
            "--updateStreamMs",
            "0",
            "--shardLimit",
            "1000");
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start kinesalite: " + command, e);
    }
    awaitListening(process);
  }

  private void awaitListening(Process started) {
    CompletableFuture<String> listening = new CompletableFuture<>();
    List<String> output = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  if (line.startsWith("Listening at")) {
                    listening.complete(line);
                  }
                }
              } catch (IOException e) {
                listening.completeExceptionally(e);
              }
              listening.completeExceptionally(new IOException("kinesalite exited"));
            },
            "kinesalite-output");
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting kinesalite", e);
    } catch (ExecutionException | TimeoutException e) {
      started.destroyForcibly();
      synchronized (output) {
        throw new IllegalStateException("kinesalite did not start; it printed: " + output, e);
      }
    }
  }

  /** Stops the server; its streams and records stay for the next {@link #start()}. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public int port() {
    return port;
  }

  /** Always {@code localhost}: the KPL takes a host and a port, not a URL. */
  public String host() {
    return "localhost";
  }

  /** The endpoint URL for AWS SDK clients. */
  public String endpoint() {
    return "https://localhost:" + port;
  }

  /**
   * The Kinesis sink settings that point it at this server: region, endpoint and port, certificate
   * not verified, the test key pair. A mutable map, for the test's own settings.
   */
  public Map<String, String> sinkConnection() {
    Map<String, String> settings = new HashMap<>();
    settings.put("kinesis.region", KinesisStreams.REGION);
    settings.put("kinesis.endpoint", host());
    settings.put("kinesis.port", Integer.toString(port));
    settings.put("kinesis.verify.certificate", "false");
    settings.put("aws.access.key.id", KinesisStreams.ACCESS_KEY);
    settings.put("aws.secret.access.key", KinesisStreams.SECRET_KEY);
    return settings;
  }

  /** A Kinesis admin and reader client for this server. */
  public KinesisStreams streams() {
    return new KinesisStreams(endpoint());
  }

  private synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already exiting
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
