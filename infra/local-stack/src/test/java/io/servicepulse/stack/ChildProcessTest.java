// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

  @TempDir Path dir;

  @Test
  void startFailureQuotesTheExitCodeAndTheEndOfTheLog() {
    ChildProcess process = start("echo 'Address already in use' >&2; exit 3");

    assertThat(process.waitFor(Duration.ofSeconds(10))).isEqualTo(3);
    assertThat(process.startFailure("exited during startup"))
        .hasMessageContaining("test server exited during startup (exit code 3)")
        .hasMessageContaining("Address already in use");
  }

  @Test
  void stopEndsTheProcessAndItsChildren() {
    ChildProcess process = start("sleep 60 & sleep 60; wait");
    List<ProcessHandle> tree = ProcessHandle.of(process.pid()).orElseThrow().descendants().toList();

    process.stop();

    assertThat(process.isAlive()).isFalse();
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
  }

  private ChildProcess start(String script) {
    return ChildProcess.start(
        "test server", List.of("/bin/sh", "-c", script), dir, dir.resolve("out.log"), false);
  }
}
