// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.config.JobConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSourcesTest {

  @Test
  void aJobReadsForEverUnlessToldToStopAtTheEndOffsets() {
    assertThat(KafkaSources.isBounded(JobConfig.of(Map.of()))).isFalse();
    assertThat(KafkaSources.isBounded(JobConfig.of(Map.of("kafka.stopping-offsets", "latest"))))
        .isTrue();
    assertThatThrownBy(
            () -> KafkaSources.isBounded(JobConfig.of(Map.of("kafka.stopping-offsets", "end"))))
        .hasMessageContaining("none or latest");
  }
}
