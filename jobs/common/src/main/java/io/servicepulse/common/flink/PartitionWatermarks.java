// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import io.servicepulse.common.decode.Decoded;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * The watermark of one Kafka partition: the largest event time seen minus the out-of-orderness
 * bound. Dead letters carry no event time and never move it.
 *
 * <p>Idleness: a partition silent for the idle timeout stops holding the watermark back only if it
 * was <em>live</em> when it went silent — its newest event was at most {@code liveLagMs} behind the
 * wall clock. A partition that was reading a backlog and falls silent is not idle but unreachable
 * (broker outage, rebalance, restore): the watermark waits for it up to the backlog timeout, so its
 * backlog is never judged late against the partitions that came back first. A partition that has
 * delivered nothing since the task started may be empty or may not have been reached yet (a slow
 * start, a busy machine): it waits the longer of the two timeouts. Silence is measured on the
 * source's input-activity clock, which stops while the split is paused (watermark alignment,
 * backpressure).
 */
public final class PartitionWatermarks<T> implements WatermarkGenerator<Decoded<T>> {

  private final long outOfOrdernessMs;
  private final long idleAfterNanos;
  private final long liveLagMs;
  private final long backlogIdleAfterNanos;
  private final RelativeClock activityClock;
  private final LongSupplier wallClockMs;
  private long maxTs = Long.MIN_VALUE;
  private long lastActivityNanos;
  private boolean idle;

  public PartitionWatermarks(
      long outOfOrdernessMs,
      long idleAfterMs,
      long liveLagMs,
      long backlogIdleAfterMs,
      RelativeClock activityClock,
      LongSupplier wallClockMs) {
    this.outOfOrdernessMs = outOfOrdernessMs;
    this.idleAfterNanos = idleAfterMs * 1_000_000L;
    this.liveLagMs = liveLagMs;
    this.backlogIdleAfterNanos = backlogIdleAfterMs * 1_000_000L;
    this.activityClock = activityClock;
    this.wallClockMs = wallClockMs;
    this.lastActivityNanos = activityClock.relativeTimeNanos();
  }

  @Override
  public void onEvent(Decoded<T> record, long eventTimestamp, WatermarkOutput output) {
    if (!record.isEvent()) {
      return;
    }
    maxTs = Math.max(maxTs, eventTimestamp);
    lastActivityNanos = activityClock.relativeTimeNanos();
    idle = false;
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long silentNanos = activityClock.relativeTimeNanos() - lastActivityNanos;
    if (silentNanos >= idleAfterNanos()) {
      if (!idle) {
        output.markIdle();
        idle = true;
      }
      return;
    }
    if (maxTs != Long.MIN_VALUE) {
      output.emitWatermark(new Watermark(maxTs - outOfOrdernessMs - 1));
    }
  }

  private long idleAfterNanos() {
    if (maxTs == Long.MIN_VALUE) {
      return Math.max(idleAfterNanos, backlogIdleAfterNanos);
    }
    boolean live = wallClockMs.getAsLong() - maxTs <= liveLagMs;
    return live ? Math.min(idleAfterNanos, backlogIdleAfterNanos) : backlogIdleAfterNanos;
  }
}
