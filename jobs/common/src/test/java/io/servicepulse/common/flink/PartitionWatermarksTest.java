// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.decode.Decoded;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class PartitionWatermarksTest {

  private static final long OOO = 30_000;
  private static final long IDLE = 30_000;
  private static final long LIVE_LAG = 300_000;
  private static final long BACKLOG_IDLE = 300_000;

  /** Wall clock of the test: 2026-12-02. */
  private static final long NOW = 1_796_000_000_000L;

  private final ManualClock activity = new ManualClock();
  private long wallClock = NOW;
  private final PartitionWatermarks<String> generator =
      new PartitionWatermarks<>(OOO, IDLE, LIVE_LAG, BACKLOG_IDLE, activity, () -> wallClock);
  private final Output output = new Output();

  private void event(long ts) {
    generator.onEvent(Decoded.of("e"), ts, output);
  }

  private void pass(long ms) {
    activity.advanceTime(java.time.Duration.ofMillis(ms));
    wallClock += ms;
    generator.onPeriodicEmit(output);
  }

  @Test
  void theWatermarkTrailsTheLargestEventTime() {
    event(NOW - 1_000);
    event(NOW - 5_000);
    pass(200);
    assertThat(output.last()).isEqualTo(NOW - 1_000 - OOO - 1);
    assertThat(output.idle).isFalse();
  }

  @Test
  void aDeadLetterNeverMovesTheWatermark() {
    event(NOW - 60_000);
    generator.onEvent(Decoded.failed(new DeadLetter()), Long.MAX_VALUE - 1, output);
    pass(200);
    assertThat(output.last()).isEqualTo(NOW - 60_000 - OOO - 1);
  }

  @Test
  void aLivePartitionThatFallsSilentBecomesIdle() {
    event(NOW - 2_000);
    pass(IDLE - 1_000);
    assertThat(output.idle).isFalse();
    pass(1_000);
    assertThat(output.idle).isTrue();
    event(wallClock);
    pass(200);
    assertThat(output.idle).isFalse();
  }

  @Test
  void aPartitionReadingABacklogThatFallsSilentHoldsTheWatermark() {
    // A replay (events from 2025) or a catch-up after a restore: silence means unreachable.
    long historic = NOW - 500L * 24 * 3_600_000;
    event(historic);
    pass(IDLE * 3);
    assertThat(output.idle).isFalse();
    assertThat(output.last()).isEqualTo(historic - OOO - 1);
    pass(BACKLOG_IDLE);
    assertThat(output.idle).isTrue();
  }

  @Test
  void aPartitionThatNeverDeliveredWaitsTheLongerTimeout() {
    // Empty, or not reached yet on a slow start: the other partitions must not run ahead alone.
    pass(IDLE);
    assertThat(output.idle).isFalse();
    assertThat(output.watermarks).isEmpty();
    pass(BACKLOG_IDLE - IDLE - 1);
    assertThat(output.idle).isFalse();
    pass(1);
    assertThat(output.idle).isTrue();
  }

  private static final class Output implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    boolean idle;

    long last() {
      return watermarks.get(watermarks.size() - 1);
    }

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }
  }
}
