// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  private final PartitionProgress progress = new PartitionProgress(30_000);

  @Test
  void aPartitionsWatermarkTrailsItsNewestEventByTheOutOfOrderness() {
    progress.observe("chat-messages", 1, 100_000);
    progress.observe("chat-messages", 1, 90_000);

    assertThat(progress.watermark("chat-messages", 1)).isEqualTo(69_999);
    assertThat(progress.watermark("chat-messages", 0)).isEqualTo(Long.MIN_VALUE);
    assertThat(progress.watermark("order-events", 1)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aRecordWithoutAKafkaAddressIsNoProgress() {
    progress.observe("", -1, 100_000);

    assertThat(progress.entries()).isEmpty();
    assertThat(progress.watermark("", -1)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void restoringTakesEachPartitionsNewestOverAllSubtasks() {
    progress.restore(
        List.of(
            new PartitionProgress.Entry("chat-messages", 0, 50_000),
            new PartitionProgress.Entry("chat-messages", 0, 80_000),
            new PartitionProgress.Entry("chat-messages", 7, 40_000)));

    assertThat(progress.watermark("chat-messages", 0)).isEqualTo(49_999);
    assertThat(progress.watermark("chat-messages", 7)).isEqualTo(9_999);
    assertThat(progress.entries())
        .extracting(e -> e.partition + "=" + e.newestTs)
        .containsExactlyInAnyOrder("0=80000", "7=40000");
  }
}
