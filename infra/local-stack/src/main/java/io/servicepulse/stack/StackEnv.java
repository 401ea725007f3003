// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The endpoints and PIDs of a stack started by the CLI, kept in {@code <state-dir>/stack.env} as
 * {@code KEY=value} lines that both a shell ({@code set -a; . stack.env}) and Java can read. The
 * same keys, set as environment variables, make tests reuse a running stack.
 *
 * @param flink the Flink session cluster, or null if none was started ({@code start --flink})
 */
public record StackEnv(
    String kafkaBootstrapServers,
    String clickHouseHost,
    int clickHouseTcpPort,
    int clickHouseHttpPort,
    long kafkaPid,
    long clickHousePid,
    FlinkEnv flink) {

  public static final String FILE_NAME = "stack.env";

  public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  public static final String CLICKHOUSE_HOST = "CLICKHOUSE_HOST";
  public static final String CLICKHOUSE_TCP_PORT = "CLICKHOUSE_TCP_PORT";
  public static final String CLICKHOUSE_HTTP_PORT = "CLICKHOUSE_HTTP_PORT";
  public static final String CLICKHOUSE_URL = "CLICKHOUSE_URL";
  public static final String KAFKA_PID = "KAFKA_PID";
  public static final String CLICKHOUSE_PID = "CLICKHOUSE_PID";

  /** Kafka and ClickHouse only. */
  public StackEnv(
      String kafkaBootstrapServers,
      String clickHouseHost,
      int clickHouseTcpPort,
      int clickHouseHttpPort,
      long kafkaPid,
      long clickHousePid) {
    this(
        kafkaBootstrapServers,
        clickHouseHost,
        clickHouseTcpPort,
        clickHouseHttpPort,
        kafkaPid,
        clickHousePid,
        null);
  }

  /** The same Kafka and ClickHouse with {@code flink} (null: without a Flink cluster). */
  public StackEnv withFlink(FlinkEnv flink) {
    return new StackEnv(
        kafkaBootstrapServers,
        clickHouseHost,
        clickHouseTcpPort,
        clickHouseHttpPort,
        kafkaPid,
        clickHousePid,
        flink);
  }

  /** The clickhouse-native-jdbc URL of the server, without a database. */
  public String clickHouseUrl() {
    return clickHouseUrl(clickHouseHost, clickHouseTcpPort);
  }

  /** {@code jdbc:clickhouse://host:port}, the form com.github.housepower's driver accepts. */
  public static String clickHouseUrl(String host, int tcpPort) {
    return "jdbc:clickhouse://" + host + ":" + tcpPort;
  }

  void write(Path stateDir) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "# Written by `infra/stack.sh start`; load with: set -a; . "
                    + stateDir.resolve(FILE_NAME),
                KAFKA_BOOTSTRAP_SERVERS + "=" + kafkaBootstrapServers,
                CLICKHOUSE_HOST + "=" + clickHouseHost,
                CLICKHOUSE_TCP_PORT + "=" + clickHouseTcpPort,
                CLICKHOUSE_HTTP_PORT + "=" + clickHouseHttpPort,
                CLICKHOUSE_URL + "=" + clickHouseUrl(),
                KAFKA_PID + "=" + kafkaPid,
                CLICKHOUSE_PID + "=" + clickHousePid));
    if (flink != null) {
      lines.addAll(flink.lines());
    }
    EnvFile.write(stateDir.resolve(FILE_NAME), lines);
  }

  public static Optional<StackEnv> read(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    Optional<Properties> read = EnvFile.read(file);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Properties p = read.get();
    try {
      return Optional.of(
          new StackEnv(
              required(p, KAFKA_BOOTSTRAP_SERVERS),
              required(p, CLICKHOUSE_HOST),
              Integer.parseInt(required(p, CLICKHOUSE_TCP_PORT)),
              Integer.parseInt(required(p, CLICKHOUSE_HTTP_PORT)),
              Long.parseLong(required(p, KAFKA_PID)),
              Long.parseLong(required(p, CLICKHOUSE_PID)),
              readFlink(p)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "); delete it", e);
    }
  }

  static void delete(Path stateDir) {
    try {
      Files.deleteIfExists(stateDir.resolve(FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + stateDir.resolve(FILE_NAME), e);
    }
  }

  private static FlinkEnv readFlink(Properties p) {
    if (p.getProperty(FlinkEnv.FLINK_REST_URL) == null) {
      return null;
    }
    return new FlinkEnv(
        required(p, FlinkEnv.FLINK_REST_URL),
        Long.parseLong(required(p, FlinkEnv.FLINK_JOBMANAGER_PID)),
        FlinkEnv.parsePids(required(p, FlinkEnv.FLINK_TASKMANAGER_PIDS)));
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is missing");
    }
    return value.trim();
  }
}
