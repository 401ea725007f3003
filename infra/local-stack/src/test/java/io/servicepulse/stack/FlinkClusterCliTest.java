// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flink CLI without a cluster: usage and the message when none is recorded. */
class FlinkClusterCliTest {

  @TempDir Path stateDir;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @Test
  void commandsNeedTheirArguments() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("submit")).isEqualTo(2);
    assertThat(run("cancel")).isEqualTo(2);
    assertThat(run("start", "--slots", "4")).isEqualTo(2);
    assertThat(run("restart")).isEqualTo(2);
    assertThat(output()).contains("Usage: FlinkCluster");
  }

  @Test
  void withoutARecordedClusterSaysHowToStartOne() {
    assertThat(run("status")).isEqualTo(1);
    assertThat(output()).contains("No Flink cluster is recorded").contains("infra/flink.sh start");
  }

  @Test
  void stoppingWhatIsNotRunningIsANoOp() {
    assertThat(run("stop")).isZero();
    assertThat(output()).contains("No Flink cluster is recorded");
  }

  private int run(String... args) {
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    String[] full = new String[args.length + 2];
    full[0] = "--state-dir";
    full[1] = stateDir.toString();
    System.arraycopy(args, 0, full, 2, args.length);
    return FlinkCluster.run(full, out, out);
  }

  private String output() {
    return output.toString(StandardCharsets.UTF_8);
  }
}
