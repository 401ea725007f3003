// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated {@code config.yaml} of the local Flink standalone session cluster: everything on
 * 127.0.0.1, the JobManager's RPC and REST ports fixed at start (free ports), the rest ephemeral,
 * memory sized for a small machine, checkpoints, savepoints, uploads and temp files under {@code
 * dir}. Every process serves its metrics in Prometheus' text format on one of {@code metricsPorts}
 * ({@code http://127.0.0.1:PORT/metrics}, the first free one when it starts).
 *
 * <p>Layout of {@code dir}: {@code conf/} (config.yaml, log4j2.properties), {@code log/} ({@code
 * jobmanager.log|.out}, {@code taskmanager-N.log|.out}), {@code checkpoints/}, {@code savepoints/},
 * {@code web-upload/} (submitted jars), {@code tmp/}, {@code plugins/} (empty).
 */
record FlinkClusterConfig(
    Path dir, int rpcPort, int restPort, int taskManagers, List<Integer> metricsPorts) {

  static final int SLOTS_PER_TASK_MANAGER = 2;
  static final String JOB_MANAGER_MEMORY = "1g";

  /** QaJob alone keeps ~0.6 GB of CoreNLP models on the heap, next to another job's state. */
  static final String TASK_MANAGER_MEMORY = "3g";

  /**
   * What a Flink distribution's config.yaml sets as env.java.opts.all for Java 17: Kryo and some
   * connectors reflect into these JDK packages.
   */
  static final List<String> JAVA_17_OPTIONS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  FlinkClusterConfig {
    if (taskManagers < 1) {
      throw new IllegalArgumentException("taskManagers must be at least 1, got " + taskManagers);
    }
  }

  Path confDir() {
    return dir.resolve("conf");
  }

  Path logDir() {
    return dir.resolve("log");
  }

  Path checkpointsDir() {
    return dir.resolve("checkpoints");
  }

  Path savepointsDir() {
    return dir.resolve("savepoints");
  }

  String restUrl() {
    return "http://" + Ports.LOOPBACK + ":" + restPort;
  }

  /** The keys of config.yaml, flat (Flink 2 reads nested and flat YAML keys alike). */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("jobmanager.rpc.address", Ports.LOOPBACK);
    settings.put("jobmanager.rpc.port", String.valueOf(rpcPort));
    settings.put("jobmanager.bind-host", Ports.LOOPBACK);
    settings.put("jobmanager.memory.process.size", JOB_MANAGER_MEMORY);
    settings.put("taskmanager.host", Ports.LOOPBACK);
    settings.put("taskmanager.bind-host", Ports.LOOPBACK);
    settings.put("taskmanager.memory.process.size", TASK_MANAGER_MEMORY);
    // The jobs keep state on the heap (HashMapStateBackend), so little managed (off-heap) memory:
    // the default 40 % would leave the TaskManager ~0.7 GB of heap and CoreNLP thrashing in GC.
    settings.put("taskmanager.memory.managed.fraction", "0.05");
    settings.put("taskmanager.numberOfTaskSlots", String.valueOf(SLOTS_PER_TASK_MANAGER));
    settings.put("parallelism.default", "1");
    settings.put("rest.address", Ports.LOOPBACK);
    settings.put("rest.bind-address", Ports.LOOPBACK);
    settings.put("rest.port", String.valueOf(restPort));
    settings.put("web.upload.dir", dir.resolve("web-upload").toString());
    settings.put("io.tmp.dirs", dir.resolve("tmp").toString());
    // Jobs that set no checkpoint dir of their own (job.checkpoint-dir) checkpoint here.
    settings.put("execution.checkpointing.dir", fileUri(checkpointsDir()));
    settings.put("execution.checkpointing.savepoint-dir", fileUri(savepointsDir()));
    settings.put("env.java.opts.all", String.join(" ", JAVA_17_OPTIONS));
    if (!metricsPorts.isEmpty()) {
      // Checkpoints, restarts, Kafka consumer lag per job for a Prometheus scraper (and Grafana).
      settings.put(
          "metrics.reporter.prom.factory.class",
          "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
      settings.put("metrics.reporter.prom.host", Ports.LOOPBACK);
      settings.put(
          "metrics.reporter.prom.port",
          String.join(",", metricsPorts.stream().map(String::valueOf).toList()));
    }
    return settings;
  }

  /** {@code file:///...}, the same whether or not the folder exists yet. */
  private static String fileUri(Path dir) {
    return dir.toUri().toString().replaceAll("/$", "");
  }

  /** config.yaml: one {@code key: 'value'} line per setting. */
  String configYaml() {
    StringBuilder yaml =
        new StringBuilder(
            "# Generated by the ServicePulse local stack on every start; edits are overwritten.\n");
    settings()
        .forEach(
            (key, value) ->
                yaml.append(key).append(": '").append(value.replace("'", "''")).append("'\n"));
    return yaml.toString();
  }
}
