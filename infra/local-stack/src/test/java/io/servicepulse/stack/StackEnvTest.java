// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEnvTest {

  @TempDir Path stateDir;

  private final StackEnv env = new StackEnv("127.0.0.1:40001", "127.0.0.1", 40002, 40003, 11, 12);

  @Test
  void writesShellReadableKeysThatReadBack() throws Exception {
    env.write(stateDir);

    assertThat(Files.readAllLines(stateDir.resolve("stack.env")))
        .contains(
            "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:40001",
            "CLICKHOUSE_HOST=127.0.0.1",
            "CLICKHOUSE_TCP_PORT=40002",
            "CLICKHOUSE_HTTP_PORT=40003",
            "CLICKHOUSE_URL=jdbc:clickhouse://127.0.0.1:40002",
            "KAFKA_PID=11",
            "CLICKHOUSE_PID=12");
    assertThat(StackEnv.read(stateDir)).contains(env);
  }

  @Test
  void aFlinkClusterAddsItsUrlAndPids() throws Exception {
    StackEnv withFlink =
        env.withFlink(new FlinkEnv("http://127.0.0.1:40004", 13, List.of(14L, 15L)));

    withFlink.write(stateDir);

    assertThat(Files.readAllLines(stateDir.resolve("stack.env")))
        .contains(
            "FLINK_REST_URL=http://127.0.0.1:40004",
            "FLINK_JOBMANAGER_PID=13",
            "FLINK_TASKMANAGER_PIDS=14,15");
    assertThat(StackEnv.read(stateDir)).contains(withFlink);
    assertThat(env.flink()).isNull();
  }

  @Test
  void missingFileMeansNotRunningAndDeleteRemovesIt() {
    assertThat(StackEnv.read(stateDir)).isEmpty();

    env.write(stateDir);
    StackEnv.delete(stateDir);

    assertThat(StackEnv.read(stateDir)).isEmpty();
  }

  @Test
  void damagedFileIsReportedWithItsPath() throws Exception {
    Files.writeString(stateDir.resolve("stack.env"), "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1\n");

    assertThatThrownBy(() -> StackEnv.read(stateDir))
        .hasMessageContaining("stack.env is damaged")
        .hasMessageContaining("CLICKHOUSE_HOST is missing");
  }
}
