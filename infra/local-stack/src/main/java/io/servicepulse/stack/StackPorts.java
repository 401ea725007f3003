package io.servicepulse.stack;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The ports of the CLI's stack, kept in {@code <state-dir>/ports.env} across stop and start (unlike
 * {@code stack.env}), so a restarted server is where the configs and running jobs that point at it
 * expect it. 0 means not picked yet.
 */
record StackPorts(
    int kafkaBroker,
    int kafkaController,
    int clickHouseTcp,
    int clickHouseHttp,
    int flinkRpc,
    int flinkRest) {

  static final String FILE_NAME = "ports.env";

  static final StackPorts NONE = new StackPorts(0, 0, 0, 0, 0, 0);

  private static final String KAFKA_BROKER = "KAFKA_BROKER_PORT";
  private static final String KAFKA_CONTROLLER = "KAFKA_CONTROLLER_PORT";
  private static final String CLICKHOUSE_TCP = "CLICKHOUSE_TCP_PORT";
  private static final String CLICKHOUSE_HTTP = "CLICKHOUSE_HTTP_PORT";
  private static final String FLINK_RPC = "FLINK_RPC_PORT";
  private static final String FLINK_REST = "FLINK_REST_PORT";

  StackPorts withKafka(int broker, int controller) {
    return new StackPorts(broker, controller, clickHouseTcp, clickHouseHttp, flinkRpc, flinkRest);
  }

  StackPorts withClickHouse(int tcp, int http) {
    return new StackPorts(kafkaBroker, kafkaController, tcp, http, flinkRpc, flinkRest);
  }

  StackPorts withFlink(int rpc, int rest) {
    return new StackPorts(kafkaBroker, kafkaController, clickHouseTcp, clickHouseHttp, rpc, rest);
  }

  List<Integer> all() {
    return List.of(
        kafkaBroker, kafkaController, clickHouseTcp, clickHouseHttp, flinkRpc, flinkRest);
  }

  /**
   * The recorded ports; without a {@code ports.env} (a state dir from before it existed), those a
   * {@code stack.env} names, so the first start after an upgrade keeps them too.
   */
  static StackPorts read(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return StackEnv.read(stateDir)
          .map(
              env ->
                  NONE.withKafka(Ports.portOf(env.kafkaBootstrapServers()), 0)
                      .withClickHouse(env.clickHouseTcpPort(), env.clickHouseHttpPort())
                      .withFlink(0, env.flink() == null ? 0 : Ports.portOf(env.flink().restUrl())))
          .orElse(NONE);
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    try {
      return new StackPorts(
          get(p, KAFKA_BROKER),
          get(p, KAFKA_CONTROLLER),
          get(p, CLICKHOUSE_TCP),
          get(p, CLICKHOUSE_HTTP),
          get(p, FLINK_RPC),
          get(p, FLINK_REST));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          file + " is damaged (" + e.getMessage() + "); delete it to pick new ports", e);
    }
  }

  void write(Path stateDir) {
    String content =
        String.join(
            "\n",
            "# Ports of the local stack: picked free at the first start, reused by every later",
            "# start. `infra/stack.sh start --new-ports` (or deleting this file) picks new ones.",
            KAFKA_BROKER + "=" + kafkaBroker,
            KAFKA_CONTROLLER + "=" + kafkaController,
            CLICKHOUSE_TCP + "=" + clickHouseTcp,
            CLICKHOUSE_HTTP + "=" + clickHouseHttp,
            FLINK_RPC + "=" + flinkRpc,
            FLINK_REST + "=" + flinkRest,
            "");
    Path file = stateDir.resolve(FILE_NAME);
    Path partial = stateDir.resolve(FILE_NAME + ".tmp");
    try {
      Files.createDirectories(stateDir);
      Files.writeString(partial, content);
      Files.move(partial, file, REPLACE_EXISTING, ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static int get(Properties p, String key) {
    String value = p.getProperty(key, "0").strip();
    return value.isEmpty() ? 0 : Integer.parseInt(value);
  }
}
