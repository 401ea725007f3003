package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
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
}
