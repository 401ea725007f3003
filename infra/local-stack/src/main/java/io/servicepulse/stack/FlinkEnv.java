// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Flink session cluster part of {@code stack.env}: its REST/web UI URL and the PIDs {@code
 * stop} will end.
 */
public record FlinkEnv(String restUrl, long jobManagerPid, List<Long> taskManagerPids) {

  public static final String FLINK_REST_URL = "FLINK_REST_URL";
  public static final String FLINK_JOBMANAGER_PID = "FLINK_JOBMANAGER_PID";
  public static final String FLINK_TASKMANAGER_PIDS = "FLINK_TASKMANAGER_PIDS";

  public FlinkEnv {
    taskManagerPids = List.copyOf(taskManagerPids);
  }

  static FlinkEnv of(FlinkSessionCluster cluster) {
    return new FlinkEnv(cluster.restUrl(), cluster.jobManagerPid(), cluster.taskManagerPids());
  }

  /** {@code KEY=value} lines; the PID list is comma-separated so a shell can source it. */
  List<String> lines() {
    return List.of(
        FLINK_REST_URL + "=" + restUrl,
        FLINK_JOBMANAGER_PID + "=" + jobManagerPid,
        FLINK_TASKMANAGER_PIDS
            + "="
            + taskManagerPids.stream().map(String::valueOf).collect(Collectors.joining(",")));
  }

  static List<Long> parsePids(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(Long::parseLong)
        .toList();
  }
}
