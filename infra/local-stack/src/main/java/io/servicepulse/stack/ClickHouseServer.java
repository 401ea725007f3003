package io.servicepulse.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private ClickHouse server from the OS package, run in the foreground as a child process (never
 * the system service), so its PID is ours and its state stays in the given directory.
 *
 * <p>State dir layout: {@code config.xml}, {@code users.xml}, {@code data/}, {@code tmp/}, {@code
 * log/clickhouse-server[.err].log} (server logs) and {@code clickhouse.out} (console output).
 */
public final class ClickHouseServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseServer.class);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final List<Path> SERVER_BINARIES =
      List.of(Path.of("/usr/bin/clickhouse-server"), Path.of("/usr/sbin/clickhouse-server"));
  private static final Path COMBINED_BINARY = Path.of("/usr/bin/clickhouse");

  private final ClickHouseConfig config;
  private final boolean detached;
  private volatile ChildProcess process;

  private ClickHouseServer(ClickHouseConfig config, boolean detached) {
    this.config = config;
    this.detached = detached;
  }

  /** Starts a server on free ports with its state in {@code stateDir}. */
  public static ClickHouseServer start(Path stateDir, boolean detached) {
    return start(stateDir, 0, 0, detached);
  }

  /** Starts a server on the given ports (0: a free one) with its state in {@code stateDir}. */
  public static ClickHouseServer start(Path stateDir, int tcpPort, int httpPort, boolean detached) {
    int[] free = Ports.freePorts(2);
    ClickHouseServer server =
        new ClickHouseServer(
            new ClickHouseConfig(
                tcpPort > 0 ? tcpPort : free[0], httpPort > 0 ? httpPort : free[1], stateDir),
            detached);
    server.start();
    return server;
  }

  /**
   * Starts the server again after {@link #stop} or {@link #kill} (or a crash), on the same ports
   * and data dir, and returns once it answers; a no-op while it runs.
   */
  public synchronized void start() {
    if (isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>(serverCommand());
    command.add("--config-file=" + config.configFile());

    Ports.requireFree(config.tcpPort(), "ClickHouse native TCP");
    Ports.requireFree(config.httpPort(), "ClickHouse HTTP");
    try {
      for (Path dir : config.directories()) {
        Files.createDirectories(dir);
      }
      Files.writeString(config.configFile(), config.configXml());
      Files.writeString(config.usersFile(), config.usersXml());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write ClickHouse config to " + config.dir(), e);
    }

    Path consoleLog = config.dir().resolve("clickhouse.out");
    process = ChildProcess.start("ClickHouse server", command, config.dir(), consoleLog, detached);
    awaitReady();
    LOG.info(
        "ClickHouse ready on tcp {} / http {} (pid {}, logs {})",
        config.tcpPort(),
        config.httpPort(),
        process.pid(),
        config.logDir());
  }

  public int tcpPort() {
    return config.tcpPort();
  }

  public int httpPort() {
    return config.httpPort();
  }

  /** The server's PID (the current one after a restart), e.g. for SIGSTOP/SIGCONT. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    ChildProcess current = process;
    return current != null && current.isAlive();
  }

  /**
   * Stops the server cleanly (SIGTERM, then SIGKILL after a grace period) and waits for it to exit.
   * Its ports and data stay for {@link #start()}.
   */
  public synchronized void stop() {
    if (process != null) {
      process.stop();
    }
  }

  /** Kills the server (SIGKILL, no clean shutdown) and waits for it to exit, as a crash would. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
    }
  }

  /**
   * Freezes the server with SIGSTOP, as a hung process: its ports still accept connections but
   * nothing answers. {@link #resume}, {@link #stop} and {@link #kill} undo it.
   */
  public synchronized void pause() {
    process.pause();
  }

  /** SIGCONT after {@link #pause}. */
  public synchronized void resume() {
    process.resume();
  }

  /** Same as {@link #stop}. */
  @Override
  public void close() {
    stop();
  }

  private void awaitReady() {
    ChildProcess process = this.process;
    ClickHouseHttp http = new ClickHouseHttp(Ports.LOOPBACK, httpPort());
    try {
      Polling.pollUntil(
          () -> !process.isAlive() || http.ping(),
          START_TIMEOUT,
          "ClickHouse to answer /ping on port " + httpPort());
    } catch (ConditionTimeoutException e) {
      process.stop();
      throw failure("did not become ready within " + START_TIMEOUT.toSeconds() + " s");
    }
    if (!process.isAlive()) {
      throw failure("exited during startup");
    }
  }

  /** The process's own failure plus the server's error log, where 18.16 explains most problems. */
  private ServerStartException failure(String reason) {
    ServerStartException failure = this.process.startFailure(reason);
    if (!Files.exists(config.errorLog())) {
      return failure;
    }
    return new ServerStartException(
        failure.getMessage()
            + "\n--- last lines of "
            + config.errorLog()
            + " ---\n"
            + ChildProcess.tail(config.errorLog()));
  }

  /** The command that runs the server in the foreground, from the Debian/Ubuntu packages. */
  private static List<String> serverCommand() {
    Optional<Path> server =
        Stream.concat(SERVER_BINARIES.stream(), onPath("clickhouse-server"))
            .filter(Files::isExecutable)
            .findFirst();
    if (server.isPresent()) {
      return List.of(server.get().toString());
    }
    if (Files.isExecutable(COMBINED_BINARY)) {
      return List.of(COMBINED_BINARY.toString(), "server");
    }
    throw new ServerStartException(
        "ClickHouse server not found (looked for clickhouse-server in /usr/bin, /usr/sbin and"
            + " PATH, and for /usr/bin/clickhouse). Install it with `infra/setup.sh`.");
  }

  private static Stream<Path> onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, binary));
  }
}
