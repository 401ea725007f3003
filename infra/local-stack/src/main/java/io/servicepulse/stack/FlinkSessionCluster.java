// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Flink standalone session cluster: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}), each a child
 * JVM on the jars a Flink distribution's lib/ holds (resolved from Maven Central at build time, as
 * flink-dist itself is not published there). Jobs are submitted as job jars through the REST API
 * ({@link #rest()}), exactly as to any other standalone or Kubernetes session cluster.
 *
 * <p>Process memory is derived as Flink's own scripts do it: {@code BashJavaUtils} turns
 * config.yaml into JVM flags and fully resolved memory settings for each process.
 */
public final class FlinkSessionCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FlinkSessionCluster.class);

  private static final String[] CLASSPATH_RESOURCES = {
    "flink-cluster.classpath", "flink-cluster-shared.classpath"
  };
  private static final String LOG4J_RESOURCE = "flink-log4j2.properties";
  private static final String JOB_MANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  private static final String TASK_MANAGER_MAIN =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
  private static final Duration MEMORY_TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final FlinkClusterConfig config;
  private final ChildProcess jobManager;
  private final List<ChildProcess> taskManagers;

  private FlinkSessionCluster(
      FlinkClusterConfig config, ChildProcess jobManager, List<ChildProcess> taskManagers) {
    this.config = config;
    this.jobManager = jobManager;
    this.taskManagers = taskManagers;
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers on free ports with config, logs and
   * checkpoints in {@code dir}, and returns once every TaskManager has registered.
   *
   * @param detached if true the processes outlive this JVM (the CLI); otherwise a shutdown hook
   *     stops them (tests)
   */
  public static FlinkSessionCluster start(Path dir, int taskManagers, boolean detached) {
    return start(dir, taskManagers, 0, 0, detached);
  }

  /**
   * Like {@link #start(Path, int, boolean)} on the given JobManager RPC and REST ports (0: a free
   * one), so a restarted cluster keeps the URL its clients know.
   */
  public static FlinkSessionCluster start(
      Path dir, int taskManagers, int rpcPort, int restPort, boolean detached) {
    Path absoluteDir = dir.toAbsolutePath().normalize();
    String classpath = BuildClasspath.of("Flink cluster", CLASSPATH_RESOURCES);

    // Memory settings do not depend on ports: compute them first (both tools at once), so the
    // ports picked below are bound within a second, not after two more JVM start-ups.
    FlinkClusterConfig withoutPorts =
        new FlinkClusterConfig(absoluteDir, 0, 0, taskManagers, List.of());
    writeConfig(withoutPorts);
    ChildProcess jmTool = memoryTool(withoutPorts, classpath, "GET_JM_RESOURCE_PARAMS", "jm");
    ChildProcess tmTool = memoryTool(withoutPorts, classpath, "GET_TM_RESOURCE_PARAMS", "tm");
    List<String> jmMemory = memoryArguments(jmTool, withoutPorts, "jm");
    List<String> tmMemory = memoryArguments(tmTool, withoutPorts, "tm");

    int[] free = Ports.freePorts(3 + taskManagers);
    List<Integer> metricsPorts = new ArrayList<>();
    for (int i = 2; i < free.length; i++) {
      metricsPorts.add(free[i]);
    }
    FlinkClusterConfig config =
        new FlinkClusterConfig(
            absoluteDir,
            rpcPort > 0 ? rpcPort : free[0],
            restPort > 0 ? restPort : free[1],
            taskManagers,
            metricsPorts);
    Ports.requireFree(config.rpcPort(), "Flink JobManager RPC");
    Ports.requireFree(config.restPort(), "Flink REST");
    writeConfig(config);
    // All processes start together: TaskManagers retry until the JobManager answers.

    ChildProcess jobManager =
        startProcess(config, classpath, "jobmanager", JOB_MANAGER_MAIN, jmMemory, detached);
    List<ChildProcess> started = new ArrayList<>();
    try {
      for (int i = 0; i < taskManagers; i++) {
        started.add(
            startProcess(
                config, classpath, "taskmanager-" + i, TASK_MANAGER_MAIN, tmMemory, detached));
      }
    } catch (RuntimeException e) {
      started.forEach(ChildProcess::stop);
      jobManager.stop();
      throw e;
    }
    FlinkSessionCluster cluster = new FlinkSessionCluster(config, jobManager, started);
    cluster.awaitTaskManagers();
    LOG.info(
        "Flink cluster ready at {} (JobManager pid {}, {} TaskManager(s), logs in {})",
        config.restUrl(),
        jobManager.pid(),
        taskManagers,
        config.logDir());
    return cluster;
  }

  /** The REST endpoint, also the web UI: {@code http://127.0.0.1:PORT}. */
  public String restUrl() {
    return config.restUrl();
  }

  public int rpcPort() {
    return config.rpcPort();
  }

  public int restPort() {
    return config.restPort();
  }

  /** Where the processes serve Prometheus metrics: {@code http://127.0.0.1:PORT/metrics}. */
  public List<Integer> metricsPorts() {
    return config.metricsPorts();
  }

  /** A client of this cluster's REST API. */
  public FlinkRest rest() {
    return new FlinkRest(restUrl());
  }

  public long jobManagerPid() {
    return jobManager.pid();
  }

  public List<Long> taskManagerPids() {
    return taskManagers.stream().map(ChildProcess::pid).toList();
  }

  /** Where logs, checkpoints (checkpoints/JOB_ID/chk-N) and savepoints live. */
  public Path dir() {
    return config.dir();
  }

  /** Stops the TaskManagers, then the JobManager, waiting for each to exit. */
  @Override
  public void close() {
    taskManagers.forEach(ChildProcess::stop);
    jobManager.stop();
  }

  private void awaitTaskManagers() {
    FlinkRest rest = rest();
    int expected = taskManagers.size();
    try {
      Polling.pollUntil(
          () -> anyProcessDied() || rest.registeredTaskManagers() >= expected,
          START_TIMEOUT,
          expected + " TaskManager(s) to register with the JobManager at " + restUrl());
    } catch (ConditionTimeoutException e) {
      close();
      throw failure("did not become ready within " + START_TIMEOUT.toSeconds() + " s");
    }
    if (anyProcessDied()) {
      close();
      throw failure("exited during startup");
    }
  }

  private boolean anyProcessDied() {
    return !jobManager.isAlive() || taskManagers.stream().anyMatch(p -> !p.isAlive());
  }

  /** A start failure quoting the end of the JobManager's and the first TaskManager's logs. */
  private ServerStartException failure(String reason) {
    StringBuilder message = new StringBuilder("Flink cluster " + reason + ".");
    for (String name : List.of("jobmanager", "taskmanager-0")) {
      for (String suffix : List.of(".out", ".log")) {
        Path file = config.logDir().resolve(name + suffix);
        if (Files.exists(file)) {
          message.append("\n--- last lines of ").append(file).append(" ---\n");
          message.append(ChildProcess.tail(file));
        }
      }
    }
    return new ServerStartException(message.toString());
  }

  private static void writeConfig(FlinkClusterConfig config) {
    try {
      for (Path dir :
          List.of(
              config.confDir(),
              config.logDir(),
              config.checkpointsDir(),
              config.savepointsDir(),
              config.dir().resolve("web-upload"),
              config.dir().resolve("tmp"),
              // Flink looks for plugins in ./plugins of its working directory.
              config.dir().resolve("plugins"))) {
        Files.createDirectories(dir);
      }
      Files.writeString(config.confDir().resolve("config.yaml"), config.configYaml());
      BuildClasspath.copyResource(LOG4J_RESOURCE, config.confDir().resolve("log4j2.properties"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Flink config to " + config.dir(), e);
    }
  }

  /** Starts BashJavaUtils, which prints the JVM flags and memory settings of one process type. */
  private static ChildProcess memoryTool(
      FlinkClusterConfig config, String classpath, String command, String role) {
    Path output = config.logDir().resolve("memory-" + role + ".out");
    try {
      Files.deleteIfExists(output);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + output, e);
    }
    List<String> java =
        new ArrayList<>(javaCommand(config, classpath, "memory-" + role, List.of()));
    java.addAll(List.of(BASH_JAVA_UTILS, command, "--configDir", config.confDir().toString()));
    return ChildProcess.start(
        "Flink memory calculation (" + role + ")", java, config.dir(), output, false);
  }

  /** JVM flags followed by {@code -D key=value} settings, from the tool's last two result lines. */
  private static List<String> memoryArguments(
      ChildProcess tool, FlinkClusterConfig config, String role) {
    if (tool.waitFor(MEMORY_TOOL_TIMEOUT) != 0) {
      throw tool.startFailure("failed; check the memory settings in " + config.confDir());
    }
    Path output = config.logDir().resolve("memory-" + role + ".out");
    List<String> results;
    try {
      results =
          Files.readAllLines(output).stream()
              .filter(line -> line.startsWith(RESULT_PREFIX))
              .map(line -> line.substring(RESULT_PREFIX.length()).strip())
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + output, e);
    }
    if (results.size() < 2) {
      throw tool.startFailure("printed no JVM parameters");
    }
    List<String> arguments = new ArrayList<>();
    for (String line : results.subList(results.size() - 2, results.size())) {
      arguments.addAll(Arrays.asList(line.split("\\s+")));
    }
    return arguments;
  }

  /**
   * Starts one cluster process. {@code memory} holds the JVM flags ({@code -X...}) and then the
   * {@code -D key=value} pairs that go after the main class as dynamic properties.
   */
  private static ChildProcess startProcess(
      FlinkClusterConfig config,
      String classpath,
      String name,
      String mainClass,
      List<String> memory,
      boolean detached) {
    List<String> jvmFlags = memory.stream().filter(arg -> arg.startsWith("-X")).toList();
    List<String> dynamicProperties = memory.stream().filter(arg -> !arg.startsWith("-X")).toList();
    List<String> command = new ArrayList<>(javaCommand(config, classpath, name, jvmFlags));
    command.add(mainClass);
    command.add("--configDir");
    command.add(config.confDir().toString());
    command.addAll(dynamicProperties);
    Path out = config.logDir().resolve(name + ".out");
    return ChildProcess.start("Flink " + name, command, config.dir(), out, detached);
  }

  /** {@code java FLAGS -Dlog.file=... -Dlog4j2.configurationFile=... --add-opens... -cp CP}. */
  private static List<String> javaCommand(
      FlinkClusterConfig config, String classpath, String logName, List<String> jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-Dlog.file=" + config.logDir().resolve(logName + ".log"));
    command.add("-Dlog4j2.configurationFile=" + config.confDir().resolve("log4j2.properties"));
    command.addAll(FlinkClusterConfig.JAVA_17_OPTIONS);
    command.add("-cp");
    command.add(classpath);
    return command;
  }
}
