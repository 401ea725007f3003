// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
    Optional<Properties> read = EnvFile.read(file);
    if (read.isEmpty()) {
      return StackEnv.read(stateDir)
          .map(
              env ->
                  NONE.withKafka(Ports.portOf(env.kafkaBootstrapServers()), 0)
                      .withClickHouse(env.clickHouseTcpPort(), env.clickHouseHttpPort())
                      .withFlink(0, env.flink() == null ? 0 : Ports.portOf(env.flink().restUrl())))
          .orElse(NONE);
    }
    Properties p = read.get();
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
    EnvFile.write(
        stateDir.resolve(FILE_NAME),
        List.of(
            "# Ports of the local stack: picked free at the first start, reused by every later",
            "# start. `infra/stack.sh start --new-ports` (or deleting this file) picks new ones.",
            KAFKA_BROKER + "=" + kafkaBroker,
            KAFKA_CONTROLLER + "=" + kafkaController,
            CLICKHOUSE_TCP + "=" + clickHouseTcp,
            CLICKHOUSE_HTTP + "=" + clickHouseHttp,
            FLINK_RPC + "=" + flinkRpc,
            FLINK_REST + "=" + flinkRest));
  }

  private static int get(Properties p, String key) {
    String value = p.getProperty(key, "0").strip();
    return value.isEmpty() ? 0 : Integer.parseInt(value);
  }
}
