package io.servicepulse.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Command line for the demo stack: {@code start [--flink [--taskmanagers N]] | stop | status
 * [--state-dir DIR]}. {@code start} leaves Kafka and ClickHouse (and with {@code --flink} a Flink
 * session cluster) running after it exits and records them in {@code DIR/stack.env}; {@code stop}
 * and {@code status} act on what that file records. Run it through {@code infra/stack.sh}, which
 * builds the classpath and passes {@code <repo>/.servicepulse/stack}.
 */
public final class LocalStack {

  private static final String USAGE =
      "Usage: LocalStack start [--flink [--taskmanagers N]] | stop | status [--state-dir DIR]"
          + "  (default DIR: .servicepulse/stack)";

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
    boolean flink = false;
    int taskManagers = 1;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--state-dir") && i + 1 < args.length) {
        stateDir = Path.of(args[++i]);
      } else if (args[i].equals("--flink")) {
        flink = true;
      } else if (args[i].equals("--taskmanagers") && i + 1 < args.length) {
        taskManagers = Integer.parseInt(args[++i]);
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
        case "start" -> stack.start(flink, taskManagers);
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

  /**
   * Starts whatever is not running yet. With {@code withFlink}, a healthy Kafka and ClickHouse are
   * kept and only the Flink cluster is (re)started.
   */
  int start(boolean withFlink, int taskManagers) {
    Optional<StackEnv> recorded = StackEnv.read(stateDir);
    if (recorded.isPresent()) {
      StackEnv env = recorded.get();
      if (kafkaUp(env) && clickHouseUp(env)) {
        if (!withFlink || flinkUp(env)) {
          out.println("Local stack is already running.");
          printEndpoints(env);
          return 0;
        }
        if (env.flink() != null) {
          out.println("The Flink cluster recorded in " + stateDir + " is not healthy.");
          stopFlink(env.flink());
        }
        env = env.withFlink(FlinkEnv.of(startFlink(taskManagers)));
        env.write(stateDir);
        out.println("Local stack is running.");
        printEndpoints(env);
        return 0;
      }
      out.println("The stack recorded in " + stateDir + " is not healthy; restarting it.");
      stopRecorded(env);
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
    FlinkEnv flink = null;
    if (withFlink) {
      try {
        flink = FlinkEnv.of(startFlink(taskManagers));
      } catch (RuntimeException e) {
        clickHouse.close();
        kafka.close();
        throw e;
      }
    }
    StackEnv env =
        new StackEnv(
            kafka.bootstrapServers(),
            Ports.LOOPBACK,
            clickHouse.tcpPort(),
            clickHouse.httpPort(),
            kafka.pid(),
            clickHouse.pid(),
            flink);
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
    boolean flinkUp = env.flink() == null || flinkUp(env);
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
    if (env.flink() != null) {
      out.printf(
          "Flink       %-4s %s (JobManager pid %d, TaskManager pids %s)%n",
          flinkUp ? "up" : "DOWN",
          env.flink().restUrl(),
          env.flink().jobManagerPid(),
          env.flink().taskManagerPids());
    }
    if (kafkaUp && clickHouseUp && flinkUp) {
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

  /** Stops only the recorded Flink cluster; Kafka and ClickHouse keep running. */
  int stopFlinkOnly() {
    Optional<StackEnv> recorded = StackEnv.read(stateDir);
    if (recorded.isEmpty() || recorded.get().flink() == null) {
      out.println("No Flink cluster is recorded in " + stateDir.resolve(StackEnv.FILE_NAME) + ".");
      return 0;
    }
    stopFlink(recorded.get().flink());
    recorded.get().withFlink(null).write(stateDir);
    out.println("Flink cluster stopped. Checkpoints and logs stay in " + flinkDir() + ".");
    return 0;
  }

  private FlinkSessionCluster startFlink(int taskManagers) {
    out.println("Starting Flink (JobManager + " + taskManagers + " TaskManager(s))...");
    return FlinkSessionCluster.start(flinkDir(), taskManagers, true);
  }

  private boolean flinkUp(StackEnv env) {
    FlinkEnv flink = env.flink();
    if (flink == null
        || ownProcess(flink.jobManagerPid()).isEmpty()
        || flink.taskManagerPids().stream().anyMatch(pid -> ownProcess(pid).isEmpty())) {
      return false;
    }
    try {
      return new FlinkRest(flink.restUrl()).registeredTaskManagers()
          >= flink.taskManagerPids().size();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void stopFlink(FlinkEnv flink) {
    // TaskManagers first: without a JobManager they would only retry and log until stopped.
    for (long pid : flink.taskManagerPids()) {
      stopProcess("Flink TaskManager", pid);
    }
    stopProcess("Flink JobManager", flink.jobManagerPid());
  }

  private Path flinkDir() {
    return stateDir.resolve("flink");
  }

  private void stopRecorded(StackEnv env) {
    if (env.flink() != null) {
      stopFlink(env.flink());
    }
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
    if (env.flink() != null) {
      out.println("  Flink        " + env.flink().restUrl() + "  (web UI and REST API)");
    }
    out.println("  Logs         " + stateDir.resolve("kafka/kafka.log"));
    out.println("               " + stateDir.resolve("clickhouse/log/"));
    if (env.flink() != null) {
      out.println("               " + flinkDir().resolve("log/"));
    }
    out.println("  Environment  set -a; . " + stateDir.resolve(StackEnv.FILE_NAME) + "; set +a");
    out.println("  Stop with    infra/stack.sh stop");
  }
}
