// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Command line for the demo stack: {@code start [--flink [--taskmanagers N]] | stop | status
 * [--state-dir DIR]}. {@code start} leaves Kafka and ClickHouse (and with {@code --flink} a Flink
 * session cluster) running after it exits and records them in {@code DIR/stack.env}; {@code stop}
 * and {@code status} act on what that file records. Ports are picked free at the first start and
 * kept in {@code DIR/ports.env}, so every later start (of all or of one crashed server) reuses
 * them; {@code start --new-ports} picks new ones. Run it through {@code infra/stack.sh}, which
 * builds the classpath and passes {@code <repo>/.servicepulse/stack}.
 */
public final class LocalStack {

  private static final String USAGE =
      "Usage: LocalStack start [--flink [--taskmanagers N]] [--new-ports] | stop | status"
          + " [--state-dir DIR]  (default DIR: .servicepulse/stack)";

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
    boolean newPorts = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--state-dir") && i + 1 < args.length) {
        stateDir = Path.of(args[++i]);
      } else if (args[i].equals("--flink")) {
        flink = true;
      } else if (args[i].equals("--new-ports")) {
        newPorts = true;
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
        case "start" -> stack.start(flink, taskManagers, newPorts);
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
   * Starts whatever is not running yet, on the ports recorded in {@code ports.env} (free ones at
   * the first start, or for a recorded port another process took); what runs keeps running, so
   * clients connected to it are not disturbed. A recorded Flink cluster counts as part of the
   * stack; {@code withFlink} adds one.
   *
   * @param newPorts pick new free ports for what this start starts, instead of the recorded ones
   */
  int start(boolean withFlink, int taskManagers, boolean newPorts) {
    StackEnv env = StackEnv.read(stateDir).orElse(null);
    boolean kafkaUp = env != null && kafkaUp(env);
    boolean clickHouseUp = env != null && clickHouseUp(env);
    FlinkEnv recordedFlink = env == null ? null : env.flink();
    boolean flinkWanted = withFlink || recordedFlink != null;
    boolean flinkUp = recordedFlink != null && flinkUp(env);
    if (kafkaUp && clickHouseUp && (!flinkWanted || flinkUp)) {
      out.println("Local stack is already running.");
      if (newPorts) {
        out.println("--new-ports changes nothing while it runs: stop it first.");
      }
      printEndpoints(env);
      return 0;
    }
    if (env != null) {
      out.println(
          "Part of the stack recorded in "
              + stateDir
              + " is down; restarting only that, on "
              + (newPorts ? "new ports." : "its recorded ports."));
      if (!kafkaUp) {
        stopProcess("Kafka", env.kafkaPid());
      }
      if (!clickHouseUp) {
        stopProcess("ClickHouse", env.clickHousePid());
      }
      if (recordedFlink != null && !flinkUp) {
        stopFlink(recordedFlink);
      }
    }
    if (!withFlink && recordedFlink != null) {
      taskManagers = recordedFlink.taskManagerPids().size();
    }

    StackPorts ports = StackPorts.read(stateDir);
    if (kafkaUp) {
      ports = ports.withKafka(Ports.portOf(env.kafkaBootstrapServers()), ports.kafkaController());
    } else if (newPorts) {
      ports = ports.withKafka(0, 0);
    }
    if (clickHouseUp) {
      ports = ports.withClickHouse(env.clickHouseTcpPort(), env.clickHouseHttpPort());
    } else if (newPorts) {
      ports = ports.withClickHouse(0, 0);
    }
    if (flinkUp) {
      ports = ports.withFlink(ports.flinkRpc(), Ports.portOf(recordedFlink.restUrl()));
    } else if (newPorts) {
      ports = ports.withFlink(0, 0);
    }

    List<AutoCloseable> started = new ArrayList<>();
    try {
      String bootstrapServers;
      long kafkaPid;
      if (kafkaUp) {
        bootstrapServers = env.kafkaBootstrapServers();
        kafkaPid = env.kafkaPid();
      } else {
        int[] picked =
            pick(
                ports,
                new int[] {ports.kafkaBroker(), ports.kafkaController()},
                "the Kafka broker",
                "the Kafka controller");
        ports = ports.withKafka(picked[0], picked[1]);
        ports.write(stateDir);
        out.println("Starting Kafka (single KRaft node)...");
        KafkaBroker kafka =
            KafkaBroker.start(stateDir.resolve("kafka"), picked[0], picked[1], true);
        started.add(kafka);
        bootstrapServers = kafka.bootstrapServers();
        kafkaPid = kafka.pid();
      }

      long clickHousePid;
      if (clickHouseUp) {
        clickHousePid = env.clickHousePid();
      } else {
        int[] picked =
            pick(
                ports,
                new int[] {ports.clickHouseTcp(), ports.clickHouseHttp()},
                "ClickHouse native TCP",
                "ClickHouse HTTP");
        ports = ports.withClickHouse(picked[0], picked[1]);
        ports.write(stateDir);
        out.println("Starting ClickHouse...");
        ClickHouseServer clickHouse =
            ClickHouseServer.start(stateDir.resolve("clickhouse"), picked[0], picked[1], true);
        started.add(clickHouse);
        clickHousePid = clickHouse.pid();
      }

      FlinkEnv flink = flinkUp ? recordedFlink : null;
      if (flinkWanted && !flinkUp) {
        int[] picked =
            pick(
                ports,
                new int[] {ports.flinkRpc(), ports.flinkRest()},
                "the Flink JobManager RPC",
                "the Flink REST API");
        ports = ports.withFlink(picked[0], picked[1]);
        ports.write(stateDir);
        out.println("Starting Flink (JobManager + " + taskManagers + " TaskManager(s))...");
        FlinkSessionCluster cluster =
            FlinkSessionCluster.start(flinkDir(), taskManagers, picked[0], picked[1], true);
        started.add(cluster);
        flink = FlinkEnv.of(cluster);
      }

      ports.write(stateDir);
      env =
          new StackEnv(
              bootstrapServers,
              Ports.LOOPBACK,
              ports.clickHouseTcp(),
              ports.clickHouseHttp(),
              kafkaPid,
              clickHousePid,
              flink);
    } catch (RuntimeException e) {
      // Leave the stack as it was: what runs was recorded before, what this run started goes.
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    env.write(stateDir);
    out.println("Local stack is running.");
    printEndpoints(env);
    return 0;
  }

  /** The recorded ports of one server, or new free ones where unset or taken (and says so). */
  private int[] pick(StackPorts ports, int[] recorded, String... purposes) {
    Set<Integer> others = new HashSet<>(ports.all());
    for (int port : recorded) {
      others.remove(port);
    }
    others.remove(0);
    return Ports.reuseOrPick(recorded, purposes, others, out);
  }

  int stop() {
    Optional<StackEnv> recorded = StackEnv.read(stateDir);
    if (recorded.isEmpty()) {
      out.println("Local stack is not running (no " + stateDir.resolve(StackEnv.FILE_NAME) + ").");
      return 0;
    }
    stopRecorded(recorded.get());
    out.println(
        "Local stack stopped. Data and ports ("
            + StackPorts.FILE_NAME
            + ") stay in "
            + stateDir
            + "; the next start reuses them.");
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
      out.println(
          "               Prometheus metrics: http://127.0.0.1:PORT/metrics, PORT from"
              + " metrics.reporter.prom.port in "
              + flinkDir().resolve("conf/config.yaml"));
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
