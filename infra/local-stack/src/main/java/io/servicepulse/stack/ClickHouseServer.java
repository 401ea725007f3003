// SPDX-License-Identifier: GPL-3.0-or-later
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
public final class ClickHouseServer extends LocalServer {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseServer.class);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final List<Path> SERVER_BINARIES =
      List.of(Path.of("/usr/bin/clickhouse-server"), Path.of("/usr/sbin/clickhouse-server"));
  private static final Path COMBINED_BINARY = Path.of("/usr/bin/clickhouse");

  private final ClickHouseConfig config;
  private final boolean detached;

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

  @Override
  ChildProcess launch() {
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
    ChildProcess process =
        ChildProcess.start("ClickHouse server", command, config.dir(), consoleLog, detached);
    awaitReady(process);
    LOG.info(
        "ClickHouse ready on tcp {} / http {} (pid {}, logs {})",
        config.tcpPort(),
        config.httpPort(),
        process.pid(),
        config.logDir());
    return process;
  }

  public int tcpPort() {
    return config.tcpPort();
  }

  public int httpPort() {
    return config.httpPort();
  }

  private void awaitReady(ChildProcess process) {
    ClickHouseHttp http = new ClickHouseHttp(Ports.LOOPBACK, httpPort());
    try {
      Polling.pollUntil(
          () -> !process.isAlive() || http.ping(),
          START_TIMEOUT,
          "ClickHouse to answer /ping on port " + httpPort());
    } catch (ConditionTimeoutException e) {
      process.stop();
      throw failure(process, "did not become ready within " + START_TIMEOUT.toSeconds() + " s");
    }
    if (!process.isAlive()) {
      throw failure(process, "exited during startup");
    }
  }

  /** The process's own failure plus the server's error log, where 18.16 explains most problems. */
  private ServerStartException failure(ChildProcess process, String reason) {
    ServerStartException failure = process.startFailure(reason);
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
