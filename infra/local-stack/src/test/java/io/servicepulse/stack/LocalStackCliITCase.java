// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo CLI against real servers: start, no-op start, adding Flink, status, stop, restarts on
 * the recorded ports.
 */
class LocalStackCliITCase {

  @TempDir Path stateDir;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @AfterEach
  void stopLeftovers() {
    run("stop");
  }

  @Test
  void startRecordsHealthyServersThatStopRemoves() {
    assertThat(run("start")).isZero();
    StackEnv env = StackEnv.read(stateDir).orElseThrow();
    assertThat(env.kafkaBootstrapServers()).startsWith("127.0.0.1:");
    assertThat(env.clickHouseUrl())
        .isEqualTo("jdbc:clickhouse://127.0.0.1:" + env.clickHouseTcpPort());
    assertThat(KafkaBroker.isReachable(env.kafkaBootstrapServers())).isTrue();
    assertThat(new ClickHouseHttp("127.0.0.1", env.clickHouseHttpPort()).ping()).isTrue();

    assertThat(run("start")).isZero();
    assertThat(lastOutput()).contains("already running");
    assertThat(StackEnv.read(stateDir)).contains(env);

    assertThat(run("status")).isZero();
    assertThat(lastOutput()).contains("Kafka       up").contains("ClickHouse  up");

    assertThat(run("start", "--flink")).isZero();
    StackEnv withFlink = StackEnv.read(stateDir).orElseThrow();
    assertThat(withFlink.withFlink(null)).as("Kafka and ClickHouse kept").isEqualTo(env);
    assertThat(new FlinkRest(withFlink.flink().restUrl()).registeredTaskManagers()).isEqualTo(1);
    assertThat(run("status")).isZero();
    assertThat(lastOutput()).contains("Flink       up");

    assertThat(run("stop")).isZero();
    assertThat(StackEnv.read(stateDir)).isEmpty();
    assertThat(ProcessHandle.of(env.kafkaPid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ProcessHandle.of(env.clickHousePid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ProcessHandle.of(withFlink.flink().jobManagerPid()).filter(ProcessHandle::isAlive))
        .isEmpty();
    assertThat(run("status")).isEqualTo(1);
  }

  @Test
  void restartsKeepTheRecordedPorts() throws Exception {
    assertThat(run("start")).isZero();
    StackEnv first = StackEnv.read(stateDir).orElseThrow();
    StackPorts ports = StackPorts.read(stateDir);
    assertThat(ports.kafkaController()).isPositive();

    // ClickHouse dies: only it comes back, on its ports; Kafka keeps running.
    crash(first.clickHousePid());
    assertThat(run("status")).isEqualTo(1);
    assertThat(run("start")).isZero();
    assertThat(lastOutput()).contains("restarting only that").doesNotContain("Starting Kafka");
    StackEnv second = StackEnv.read(stateDir).orElseThrow();
    assertThat(second.clickHousePid()).isNotEqualTo(first.clickHousePid());
    assertThat(second)
        .isEqualTo(
            new StackEnv(
                first.kafkaBootstrapServers(),
                first.clickHouseHost(),
                first.clickHouseTcpPort(),
                first.clickHouseHttpPort(),
                first.kafkaPid(),
                second.clickHousePid()));
    assertThat(run("status")).isZero();

    // A full stop and start: same ports, the Kafka controller's too.
    assertThat(run("stop")).isZero();
    assertThat(StackPorts.read(stateDir)).isEqualTo(ports);
    assertThat(run("start")).isZero();
    StackEnv third = StackEnv.read(stateDir).orElseThrow();
    assertThat(third.kafkaBootstrapServers()).isEqualTo(first.kafkaBootstrapServers());
    assertThat(third.clickHouseTcpPort()).isEqualTo(first.clickHouseTcpPort());
    assertThat(third.clickHouseHttpPort()).isEqualTo(first.clickHouseHttpPort());
    assertThat(StackPorts.read(stateDir)).isEqualTo(ports);

    // Another process took a recorded port: a new one, and the output says so.
    crash(third.clickHousePid());
    try (ServerSocket taken = new ServerSocket()) {
      taken.setReuseAddress(true);
      taken.bind(new InetSocketAddress("127.0.0.1", ports.clickHouseHttp()));
      assertThat(run("start")).isZero();
    }
    assertThat(lastOutput())
        .contains(
            "Port " + ports.clickHouseHttp() + " recorded for ClickHouse HTTP is taken by another");
    StackEnv fourth = StackEnv.read(stateDir).orElseThrow();
    assertThat(fourth.clickHouseHttpPort()).isNotEqualTo(ports.clickHouseHttp());
    assertThat(fourth.clickHouseTcpPort()).isEqualTo(ports.clickHouseTcp());
    assertThat(StackPorts.read(stateDir).clickHouseHttp()).isEqualTo(fourth.clickHouseHttpPort());
  }

  @Test
  void unknownCommandPrintsUsage() {
    assertThat(run("restart")).isEqualTo(2);
  }

  private static void crash(long pid) throws Exception {
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    process.destroyForcibly();
    process.onExit().get();
  }

  private int run(String... command) {
    output.reset();
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    String[] args = Arrays.copyOf(command, command.length + 2);
    args[command.length] = "--state-dir";
    args[command.length + 1] = stateDir.toString();
    return LocalStack.run(args, out, out);
  }

  private String lastOutput() {
    return output.toString(StandardCharsets.UTF_8);
  }
}
