// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker running in a child JVM on the jars of
 * org.apache.kafka:kafka_2.13, so the broker's Scala and Jackson never meet the Flink classpath of
 * the test or job JVM.
 *
 * <p>State dir layout: {@code server.properties}, {@code log4j2.properties}, {@code data/} (topic
 * and metadata logs, formatted once) and {@code kafka.log} (the child's output).
 */
public final class KafkaBroker extends LocalServer {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

  private static final String CLASSPATH_RESOURCE = "kafka-server.classpath";
  private static final String LOG4J_RESOURCE = "kafka-log4j2.properties";
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms256m",
          "-Xmx1g",
          "-XX:+UseG1GC",
          "-XX:MaxGCPauseMillis=20",
          "-XX:+ExitOnOutOfMemoryError",
          "-Djava.awt.headless=true");

  private final KafkaBrokerConfig config;
  private final Path stateDir;
  private final boolean detached;

  private KafkaBroker(KafkaBrokerConfig config, Path stateDir, boolean detached) {
    this.config = config;
    this.stateDir = stateDir;
    this.detached = detached;
  }

  /** Starts a broker on free ports with its state in {@code stateDir}. */
  public static KafkaBroker start(Path stateDir, boolean detached) {
    return start(stateDir, 0, 0, detached);
  }

  /**
   * Starts a broker on the given ports (0: a free one) with its state in {@code stateDir}. The
   * controller port is the KRaft quorum's address of this node; keep it with the data dir.
   */
  public static KafkaBroker start(
      Path stateDir, int brokerPort, int controllerPort, boolean detached) {
    int[] free = Ports.freePorts(2);
    KafkaBrokerConfig config =
        new KafkaBrokerConfig(
            brokerPort > 0 ? brokerPort : free[0],
            controllerPort > 0 ? controllerPort : free[1],
            stateDir.resolve("data"));
    KafkaBroker broker = new KafkaBroker(config, stateDir, detached);
    broker.start();
    return broker;
  }

  @Override
  ChildProcess launch() {
    Ports.requireFree(config.brokerPort(), "Kafka broker");
    Ports.requireFree(config.controllerPort(), "Kafka controller");
    Path serverProperties = stateDir.resolve("server.properties");
    Path log4jConfig = stateDir.resolve("log4j2.properties");
    Path logFile = stateDir.resolve("kafka.log");
    try {
      Files.createDirectories(config.dataDir());
      writeProperties(config.serverProperties(), serverProperties);
      BuildClasspath.copyResource(LOG4J_RESOURCE, log4jConfig);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Kafka config to " + stateDir, e);
    }
    List<String> java = javaCommand(log4jConfig);
    if (!Files.exists(config.dataDir().resolve("meta.properties"))) {
      formatStorage(java, serverProperties, stateDir, logFile);
    }

    List<String> command = new ArrayList<>(java);
    command.add("kafka.Kafka");
    command.add(serverProperties.toString());
    ChildProcess process = ChildProcess.start("Kafka broker", command, stateDir, logFile, detached);
    awaitReady(process);
    LOG.info(
        "Kafka broker ready at {} (pid {}, log {})",
        config.bootstrapServers(),
        process.pid(),
        logFile);
    return process;
  }

  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  public int brokerPort() {
    return config.brokerPort();
  }

  public int controllerPort() {
    return config.controllerPort();
  }

  /** True if a broker at {@code bootstrapServers} answers a describe-cluster request. */
  public static boolean isReachable(String bootstrapServers) {
    try (Admin admin = admin(bootstrapServers)) {
      return hasBroker(admin);
    } catch (Exception e) {
      return false;
    }
  }

  /** An admin client with short timeouts, for health checks and topic creation. */
  static Admin admin(String bootstrapServers) {
    Properties props = new Properties();
    props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "servicepulse-local-stack");
    props.setProperty(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ADMIN_TIMEOUT.toMillis()));
    props.setProperty(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ADMIN_TIMEOUT.toMillis()));
    return Admin.create(props);
  }

  private static boolean hasBroker(Admin admin) throws Exception {
    return !admin
        .describeCluster()
        .nodes()
        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .isEmpty();
  }

  private void awaitReady(ChildProcess process) {
    try {
      // Wait for the listener first: an admin client pointed at a closed port logs a warning per
      // retry, and the broker opens its port only late in its startup.
      Polling.pollUntil(
          () -> !process.isAlive() || Ports.accepts(config.brokerPort()),
          START_TIMEOUT,
          "the Kafka broker to listen on " + bootstrapServers());
      try (Admin admin = admin(bootstrapServers())) {
        Polling.pollUntil(
            () -> !process.isAlive() || hasBroker(admin),
            START_TIMEOUT,
            "the Kafka broker at " + bootstrapServers() + " to join its cluster");
      }
    } catch (ConditionTimeoutException e) {
      process.stop();
      throw process.startFailure("did not become ready within " + START_TIMEOUT.toSeconds() + " s");
    }
    if (!process.isAlive()) {
      throw process.startFailure("exited during startup");
    }
  }

  /** Writes the KRaft cluster id and bootstrap metadata into a fresh data dir (once per dir). */
  private static void formatStorage(
      List<String> java, Path serverProperties, Path stateDir, Path logFile) {
    List<String> command = new ArrayList<>(java);
    command.addAll(
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--config",
            serverProperties.toString()));
    ChildProcess format =
        ChildProcess.start("Kafka storage format", command, stateDir, logFile, false);
    int exitCode = format.waitFor(FORMAT_TIMEOUT);
    if (exitCode != 0) {
      throw format.startFailure("failed");
    }
  }

  private static List<String> javaCommand(Path log4jConfig) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-Dlog4j2.configurationFile=" + log4jConfig);
    command.add("-cp");
    command.add(BuildClasspath.of("Kafka server", CLASSPATH_RESOURCE));
    return command;
  }

  private static void writeProperties(Properties properties, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, "Generated by ServicePulse LocalStack; rewritten on every start");
    }
  }
}
