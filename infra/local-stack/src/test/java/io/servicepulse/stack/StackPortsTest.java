// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPortsTest {

  @TempDir Path stateDir;

  @Test
  void writtenPortsReadBackAndSurviveTheEndpointsFile() throws Exception {
    StackPorts ports = new StackPorts(40001, 40002, 40003, 40004, 40005, 40006);

    ports.write(stateDir);
    StackEnv.delete(stateDir);

    assertThat(Files.readAllLines(stateDir.resolve("ports.env")))
        .contains("KAFKA_BROKER_PORT=40001", "KAFKA_CONTROLLER_PORT=40002");
    assertThat(StackPorts.read(stateDir)).isEqualTo(ports);
  }

  @Test
  void withoutPortsFileTheRunningStacksPortsAreTaken() {
    assertThat(StackPorts.read(stateDir)).isEqualTo(StackPorts.NONE);

    new StackEnv("127.0.0.1:40001", "127.0.0.1", 40003, 40004, 11, 12)
        .withFlink(new FlinkEnv("http://127.0.0.1:40006", 13, List.of(14L)))
        .write(stateDir);

    assertThat(StackPorts.read(stateDir))
        .isEqualTo(new StackPorts(40001, 0, 40003, 40004, 0, 40006));
  }

  @Test
  void damagedFileNamesTheWayOut() throws Exception {
    Files.writeString(stateDir.resolve("ports.env"), "KAFKA_BROKER_PORT=abc\n");

    assertThatThrownBy(() -> StackPorts.read(stateDir))
        .hasMessageContaining("ports.env is damaged")
        .hasMessageContaining("delete it to pick new ports");
  }
}
