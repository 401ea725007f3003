package io.servicepulse.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Command line for the demo stack: {@code start | stop | status [--state-dir DIR]}. {@code start}
 * leaves Kafka and ClickHouse running after it exits and records them in {@code DIR/stack.env};
 * {@code stop} and {@code status} act on what that file records. Run it through {@code
 * infra/stack.sh}, which builds the classpath and passes {@code <repo>/.servicepulse/stack}.
 */
public final class LocalStack {

  private static final String USAGE =
      "Usage: LocalStack start|stop|status [--state-dir DIR]  (default DIR: .servicepulse/stack)";

  private final Path stateDir;
  private final PrintStream out;

  LocalStack(Path stateDir, PrintStream out) {
    this.stateDir = stateDir.toAbsolutePath().normalize();
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command and returns the process exit code (0 ok, 1 failed/down, 2 usage). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = null;
    Path stateDir = Path.of(".servicepulse", "stack");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--state-dir") && i + 1 < args.length) {
        stateDir = Path.of(args[++i]);
      } else if (command == null && !args[i].startsWith("-")) {
        command = args[i];
      } else {
        err.println(USAGE);
        return 2;
      }
    }
    LocalStack stack = new LocalStack(stateDir, out);
    try {
      if (command == null) {
        err.println(USAGE);
        return 2;
      }
      return switch (command) {
        case "start" -> stack.start();
        case "stop" -> stack.stop();
        case "status" -> stack.status();
        default -> {
          err.println(USAGE);
          yield 2;
        }
      };
    } catch (RuntimeException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
  }

  int start() {
    Optional<StackEnv> recorded = StackEnv.read(stateDir);
    if (recorded.isPresent()) {
      if (kafkaUp(recorded.get()) && clickHouseUp(recorded.get())) {
        out.println("Local stack is already running.");
        printEndpoints(recorded.get());
        return 0;
      }
      out.println("The stack recorded in " + stateDir + " is not healthy; restarting it.");
      stopRecorded(recorded.get());
    }

    out.println("Starting Kafka (single KRaft node)...");
    KafkaBroker kafka = KafkaBroker.start(stateDir.resolve("kafka"), true);
    out.println("Starting ClickHouse...");
    ClickHouseServer clickHouse;
    try {
      clickHouse = ClickHouseServer.start(stateDir.resolve("clickhouse"), true);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    StackEnv env =
        new StackEnv(
            kafka.bootstrapServers(),
            Ports.LOOPBACK,
            clickHouse.tcpPort(),
            clickHouse.httpPort(),
            kafka.pid(),
            clickHouse.pid());
    env.write(stateDir);
    out.println("Local stack is running.");
    printEndpoints(env);
    return 0;
  }

  int stop() {
    Optional<StackEnv> recorded = StackEnv.read(stateDir);
    if (recorded.isEmpty()) {
      out.println("Local stack is not running (no " + stateDir.resolve(StackEnv.FILE_NAME) + ").");
      return 0;
    }
    stopRecorded(recorded.get());
    out.println("Local stack stopped. Data stays in " + stateDir + ".");
    return 0;
  }

  int status() {
    Optional<StackEnv> recorded = StackEnv.read(stateDir);
    if (recorded.isEmpty()) {
      out.println("Local stack is not running. Start it with: infra/stack.sh start");
      return 1;
    }
    StackEnv env = recorded.get();
    boolean kafkaUp = kafkaUp(env);
    boolean clickHouseUp = clickHouseUp(env);
    out.printf(
        "Kafka       %-4s %s (pid %d)%n",
        kafkaUp ? "up" : "DOWN", env.kafkaBootstrapServers(), env.kafkaPid());
    out.printf(
        "ClickHouse  %-4s %s, http://%s:%d (pid %d)%n",
        clickHouseUp ? "up" : "DOWN",
        env.clickHouseUrl(),
        env.clickHouseHost(),
        env.clickHouseHttpPort(),
        env.clickHousePid());
    if (kafkaUp && clickHouseUp) {
      return 0;
    }
    out.println("Logs are in " + stateDir + ". Restart with: infra/stack.sh start");
    return 1;
  }

  private boolean kafkaUp(StackEnv env) {
    return ownProcess(env.kafkaPid()).isPresent()
        && KafkaBroker.isReachable(env.kafkaBootstrapServers());
  }

  private boolean clickHouseUp(StackEnv env) {
    return ownProcess(env.clickHousePid()).isPresent()
        && new ClickHouseHttp(env.clickHouseHost(), env.clickHouseHttpPort()).ping();
  }

  private void stopRecorded(StackEnv env) {
    stopProcess("Kafka", env.kafkaPid());
    stopProcess("ClickHouse", env.clickHousePid());
    StackEnv.delete(stateDir);
  }

  private void stopProcess(String name, long pid) {
    Optional<ProcessHandle> process = ownProcess(pid);
    if (process.isEmpty()) {
      out.println(name + " (pid " + pid + ") was not running.");
      return;
    }
    out.println("Stopping " + name + " (pid " + pid + ")...");
    ChildProcess.stopTree(process.get());
  }

  /**
   * The live process with this PID if it is one of ours: its command line names a file in our state
   * dir. That check keeps a reused PID of some unrelated process from being killed.
   */
  private Optional<ProcessHandle> ownProcess(long pid) {
    String marker = stateDir.toString() + "/";
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false));
  }

  private void printEndpoints(StackEnv env) {
    out.println("  Kafka        " + env.kafkaBootstrapServers());
    out.println(
        "  ClickHouse   "
            + env.clickHouseUrl()
            + "  (HTTP: http://"
            + env.clickHouseHost()
            + ":"
            + env.clickHouseHttpPort()
            + ")");
    out.println("  Logs         " + stateDir.resolve("kafka/kafka.log"));
    out.println("               " + stateDir.resolve("clickhouse/log/"));
    out.println("  Environment  set -a; . " + stateDir.resolve(StackEnv.FILE_NAME) + "; set +a");
    out.println("  Stop with    infra/stack.sh stop");
  }
}
