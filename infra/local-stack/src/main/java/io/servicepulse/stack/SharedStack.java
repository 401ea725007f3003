// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One Kafka broker and one ClickHouse server per JVM, each started on first use and stopped by a
 * shutdown hook, their state in one temp dir that the hook deletes. Environment variables (the keys
 * of {@link StackEnv}) point a server at an already running one instead. Fault tests may stop and
 * restart the servers this JVM started; they come back on the same ports and data.
 */
final class SharedStack {

  /** Where a test reaches ClickHouse. */
  record ClickHouseEndpoint(String host, int tcpPort, int httpPort) {}

  private static final Once<String> KAFKA = new Once<>(SharedStack::resolveKafka);
  private static final Once<ClickHouseEndpoint> CLICKHOUSE =
      new Once<>(SharedStack::resolveClickHouse);
  private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
  private static Path stateDir;
  private static volatile KafkaBroker kafkaBroker;
  private static volatile ClickHouseServer clickHouseServer;

  private SharedStack() {}

  static String kafkaBootstrapServers() {
    return KAFKA.get();
  }

  static ClickHouseEndpoint clickHouse() {
    return CLICKHOUSE.get();
  }

  /** The broker this JVM started (starting it if needed), for fault tests. */
  static KafkaBroker kafkaBroker() {
    KAFKA.get();
    if (kafkaBroker == null) {
      throw external(StackEnv.KAFKA_BOOTSTRAP_SERVERS);
    }
    return kafkaBroker;
  }

  /** The ClickHouse server this JVM started (starting it if needed), for fault tests. */
  static ClickHouseServer clickHouseServer() {
    CLICKHOUSE.get();
    if (clickHouseServer == null) {
      throw external(StackEnv.CLICKHOUSE_TCP_PORT);
    }
    return clickHouseServer;
  }

  /**
   * Brings back what a fault test stopped, killed or paused and left so: the next test class
   * expects a running stack. Servers not started yet stay so.
   */
  static void restoreStopped() {
    KafkaBroker broker = kafkaBroker;
    if (broker != null) {
      broker.resume();
      broker.start();
    }
    ClickHouseServer server = clickHouseServer;
    if (server != null) {
      server.resume();
      server.start();
    }
  }

  private static IllegalStateException external(String variable) {
    return new IllegalStateException(
        "The test uses a server from the environment ("
            + variable
            + " is set); only a server this JVM started can be stopped or restarted.");
  }

  private static String resolveKafka() {
    String external = System.getenv(StackEnv.KAFKA_BOOTSTRAP_SERVERS);
    if (external != null && !external.isBlank()) {
      if (!KafkaBroker.isReachable(external)) {
        throw new IllegalStateException(
            StackEnv.KAFKA_BOOTSTRAP_SERVERS
                + "="
                + external
                + " is set but no Kafka broker answers there. Unset it to let tests start their"
                + " own broker, or start the stack: infra/stack.sh start");
      }
      return external;
    }
    KafkaBroker broker = KafkaBroker.start(stateDir("kafka"), false);
    registerStarted(broker);
    kafkaBroker = broker;
    return broker.bootstrapServers();
  }

  private static ClickHouseEndpoint resolveClickHouse() {
    String tcpPort = System.getenv(StackEnv.CLICKHOUSE_TCP_PORT);
    String httpPort = System.getenv(StackEnv.CLICKHOUSE_HTTP_PORT);
    if (tcpPort != null || httpPort != null) {
      if (tcpPort == null || httpPort == null) {
        throw new IllegalStateException(
            "Set both "
                + StackEnv.CLICKHOUSE_TCP_PORT
                + " and "
                + StackEnv.CLICKHOUSE_HTTP_PORT
                + " to use a running ClickHouse, or neither to let tests start their own.");
      }
      String host = System.getenv().getOrDefault(StackEnv.CLICKHOUSE_HOST, Ports.LOOPBACK);
      ClickHouseEndpoint endpoint =
          new ClickHouseEndpoint(host, Integer.parseInt(tcpPort), Integer.parseInt(httpPort));
      if (!new ClickHouseHttp(host, endpoint.httpPort()).ping()) {
        throw new IllegalStateException(
            "ClickHouse at http://"
                + host
                + ":"
                + httpPort
                + " (from the environment) does not answer /ping. Unset "
                + StackEnv.CLICKHOUSE_TCP_PORT
                + "/"
                + StackEnv.CLICKHOUSE_HTTP_PORT
                + " or start the stack: infra/stack.sh start");
      }
      return endpoint;
    }
    ClickHouseServer server = ClickHouseServer.start(stateDir("clickhouse"), false);
    registerStarted(server);
    clickHouseServer = server;
    return new ClickHouseEndpoint(Ports.LOOPBACK, server.tcpPort(), server.httpPort());
  }

  private static synchronized Path stateDir(String server) {
    try {
      if (stateDir == null) {
        stateDir = Files.createTempDirectory("servicepulse-stack-");
        Runtime.getRuntime()
            .addShutdownHook(new Thread(SharedStack::shutDown, "servicepulse-stack-shutdown"));
      }
      return Files.createDirectories(stateDir.resolve(server));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the local stack's temp dir", e);
    }
  }

  private static synchronized void registerStarted(AutoCloseable server) {
    STARTED.push(server);
  }

  /** Stops the servers (waiting for them to exit), then deletes their state. */
  private static synchronized void shutDown() {
    while (!STARTED.isEmpty()) {
      try {
        STARTED.pop().close();
      } catch (Exception e) {
        System.err.println("Could not stop a local stack server: " + e);
      }
    }
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete " + stateDir + ": " + e);
    }
  }

  /** A value computed once; a failure is remembered too, so later test classes fail fast. */
  private static final class Once<T> {
    private final Supplier<T> supplier;
    private T value;
    private RuntimeException failure;

    Once(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    synchronized T get() {
      if (value == null && failure == null) {
        try {
          value = supplier.get();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }
}
