// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void freePortsAreDistinctAndBindable() {
    int[] ports = Ports.freePorts(4);

    assertThat(ports).doesNotHaveDuplicates();
    for (int port : ports) {
      Ports.requireFree(port, "test");
    }
  }

  @Test
  void takenPortIsReportedWithItsPurpose() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThat(Ports.accepts(port)).isTrue();
      assertThatThrownBy(() -> Ports.requireFree(port, "ClickHouse HTTP"))
          .isInstanceOf(ServerStartException.class)
          .hasMessageContaining(
              "Port " + port + " (ClickHouse HTTP) on 127.0.0.1 is already in use");
    }
  }

  @Test
  void recordedFreePortsAreKeptAndTakenOnesReplacedWithANote() throws Exception {
    int[] free = Ports.freePorts(2);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int takenPort = taken.getLocalPort();

      int[] ports =
          Ports.reuseOrPick(
              new int[] {free[0], takenPort, 0},
              new String[] {"kept", "Kafka broker", "unset"},
              Set.of(free[1]),
              new PrintStream(output, true, StandardCharsets.UTF_8));

      assertThat(ports[0]).isEqualTo(free[0]);
      assertThat(ports[1]).isPositive().isNotEqualTo(takenPort);
      assertThat(ports).doesNotHaveDuplicates().doesNotContain(free[1]);
      assertThat(output.toString(StandardCharsets.UTF_8))
          .contains("Port " + takenPort + " recorded for Kafka broker is taken by another process")
          .doesNotContain("kept")
          .doesNotContain("unset");
    }
  }

  @Test
  void portOfReadsHostPortAndUrls() {
    assertThat(Ports.portOf("127.0.0.1:39337")).isEqualTo(39337);
    assertThat(Ports.portOf("http://127.0.0.1:41231")).isEqualTo(41231);
    assertThat(Ports.portOf("localhost")).isZero();
  }
}
