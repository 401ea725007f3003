// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line for the Flink session cluster of the local stack, and for submitting job jars to it
 * or to any other Flink cluster. Run it through {@code infra/flink.sh}.
 *
 * <pre>
 * FlinkCluster [--state-dir DIR] start [--taskmanagers N]
 * FlinkCluster [--state-dir DIR] stop | status | submit JAR [JOB ARGS...] | cancel JOB_ID
 * </pre>
 *
 * <p>{@code start} also starts Kafka and ClickHouse if they are not running ({@link LocalStack}
 * records all of them in {@code DIR/stack.env}); {@code stop} stops only Flink. {@code status},
 * {@code submit} and {@code cancel} talk to the environment variable {@code FLINK_REST_URL} if set
 * (any Flink cluster), else to the local cluster recorded in {@code stack.env}.
 */
public final class FlinkCluster {

  private static final String USAGE =
      String.join(
          "\n",
          "Usage: FlinkCluster [--state-dir DIR] COMMAND   (FLINK_REST_URL: another cluster)",
          "  start [--taskmanagers N]    start the local cluster (and Kafka + ClickHouse if needed)",
          "  stop                        stop the local cluster; Kafka and ClickHouse keep running",
          "  status                      TaskManagers, slots and jobs",
          "  submit JAR [JOB ARGS...]    upload a job jar, run its main class, print the job id",
          "  cancel JOB_ID               cancel a job (its last checkpoint is retained)");
  private static final Set<String> TERMINAL = Set.of("FAILED", "CANCELED", "FINISHED");
  private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);

  private final Path stateDir;
  private final PrintStream out;

  FlinkCluster(Path stateDir, PrintStream out) {
    this.stateDir = stateDir.toAbsolutePath().normalize();
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command and returns the process exit code (0 ok, 1 failed/down, 2 usage). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Path stateDir = Path.of(".servicepulse", "stack");
    int i = 0;
    // Options come before the command: everything after `submit JAR` belongs to the job.
    if (args.length >= 2 && args[0].equals("--state-dir")) {
      stateDir = Path.of(args[1]);
      i = 2;
    }
    if (i >= args.length || args[i].startsWith("--")) {
      return usage(err);
    }
    String command = args[i];
    List<String> rest = Arrays.asList(args).subList(i + 1, args.length);
    FlinkCluster cli = new FlinkCluster(stateDir, out);
    try {
      return switch (command) {
        case "start" -> cli.start(rest, err);
        case "stop" -> rest.isEmpty() ? cli.stop() : usage(err);
        case "status" -> rest.isEmpty() ? cli.status() : usage(err);
        case "submit" -> rest.isEmpty() ? usage(err) : cli.submit(rest);
        case "cancel" -> rest.size() == 1 ? cli.cancel(rest.get(0)) : usage(err);
        default -> usage(err);
      };
    } catch (RuntimeException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintStream err) {
    err.println(USAGE);
    return 2;
  }

  private int start(List<String> args, PrintStream err) {
    int taskManagers = 1;
    if (args.size() == 2 && args.get(0).equals("--taskmanagers")) {
      taskManagers = Integer.parseInt(args.get(1));
    } else if (!args.isEmpty()) {
      return usage(err);
    }
    return new LocalStack(stateDir, out).start(true, taskManagers, false);
  }

  private int stop() {
    return new LocalStack(stateDir, out).stopFlinkOnly();
  }

  private int status() {
    FlinkRest rest = rest();
    Map<String, Object> overview;
    try {
      overview = rest.overview();
    } catch (RuntimeException e) {
      out.println("Flink at " + rest.baseUrl() + " does not answer: " + e.getMessage());
      return 1;
    }
    out.printf(
        "Flink %s at %s: %s TaskManager(s), %s of %s slots free%n",
        overview.get("flink-version"),
        rest.baseUrl(),
        overview.get("taskmanagers"),
        overview.get("slots-available"),
        overview.get("slots-total"));
    List<Map<String, Object>> jobs = rest.jobs();
    if (jobs.isEmpty()) {
      out.println("No jobs.");
    }
    for (Map<String, Object> job : jobs) {
      out.printf("  %-32s %-10s %s%n", job.get("jid"), job.get("state"), job.get("name"));
    }
    return 0;
  }

  private int submit(List<String> args) {
    FlinkRest rest = rest();
    Path jar = Path.of(args.get(0));
    List<String> jobArgs = args.subList(1, args.size());
    out.println("Submitting " + jar.getFileName() + " to " + rest.baseUrl() + "...");
    String jobId = rest.submit(jar, jobArgs);
    String status = awaitRunning(rest, jobId);
    out.println("Job " + jobId + " is " + status + ".");
    out.println("  Web UI   " + rest.jobUrl(jobId));
    out.println("  Cancel   infra/flink.sh cancel " + jobId);
    if (TERMINAL.contains(status)) {
      out.println(rest.rootException(jobId));
      return 1;
    }
    return 0;
  }

  private int cancel(String jobId) {
    FlinkRest rest = rest();
    rest.cancel(jobId);
    out.println("Cancelling job " + jobId + "; its last checkpoint is retained.");
    return 0;
  }

  /** The job's status once it runs or ended (a job that cannot start ends up FAILED). */
  private static String awaitRunning(FlinkRest rest, String jobId) {
    String[] status = {""};
    try {
      Polling.pollUntil(
          () -> {
            status[0] = rest.jobStatus(jobId);
            return status[0].equals("RUNNING") || TERMINAL.contains(status[0]);
          },
          RUNNING_TIMEOUT,
          "job " + jobId + " to run");
    } catch (ConditionTimeoutException e) {
      // Still CREATED/RESTARTING after the timeout: report what it is.
    }
    return status[0];
  }

  private FlinkRest rest() {
    return new FlinkRest(restUrl());
  }

  private String restUrl() {
    String fromEnv = System.getenv(FlinkEnv.FLINK_REST_URL);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    return StackEnv.read(stateDir)
        .map(StackEnv::flink)
        .map(FlinkEnv::restUrl)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No Flink cluster is recorded in "
                        + stateDir.resolve(StackEnv.FILE_NAME)
                        + ". Start one with `infra/flink.sh start`, or set FLINK_REST_URL."));
  }
}
