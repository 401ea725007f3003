// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.config.JobConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosedRowsTest {

  private static long grace(String idleness) {
    return ClosedRows.from(JobConfig.of(Map.of("events.source-idleness", idleness))).graceMs();
  }

  @Test
  void aClosedRowIsKeptAsLongAsAnInputMayBeSilentBeforeItStopsHoldingTheWatermark() {
    assertThat(grace("2 min")).isEqualTo(120_000);
    assertThat(grace("30 s")).isEqualTo(30_000);
  }

  @Test
  void aShortIdlenessKeepsTheFloorForSubtasksThatLagInProcessingTime() {
    assertThat(grace("2 s")).isEqualTo(ClosedRows.MIN_GRACE_MS);
  }
}
