// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

  private final Properties properties =
      new KafkaBrokerConfig(19092, 19093, Path.of("/var/tmp/stack/kafka/data")).serverProperties();

  @Test
  void oneNodeIsBrokerAndSoleControllerVoter() {
    assertThat(properties)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
        .containsEntry("controller.listener.names", "CONTROLLER");
  }

  @Test
  void clientsReachThePlaintextListenerOnLoopback() {
    assertThat(properties)
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092");
    assertThat(new KafkaBrokerConfig(19092, 19093, Path.of("d")).bootstrapServers())
        .isEqualTo("127.0.0.1:19092");
  }

  @Test
  void internalTopicsFitOneBrokerAndDataStaysInTheStateDir() {
    assertThat(properties)
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("log.dirs", "/var/tmp/stack/kafka/data");
  }
}
