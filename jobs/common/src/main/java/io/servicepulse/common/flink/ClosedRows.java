// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.deadletter.DeadLetter;
import java.io.Serializable;
import org.apache.flink.streaming.api.TimerService;

/**
 * How keyed aggregates that upsert whole rows into ClickHouse end. A downstream operator's
 * watermark is the minimum over its *active* inputs: after a quiet spell ({@code
 * events.source-idleness}), or when the end-of-input watermark of {@code stop --drain} reaches it
 * through one input first, it can be ahead of an upstream subtask that still has items for a row.
 * So a row that can no longer change in event time is dropped a little later in wall-clock time
 * (kept at the end of input); an item for a row already dropped is a dead letter, never a fresh
 * partial row that would replace the complete one in ClickHouse. At the end of input a row without
 * state is taken as new: stragglers from an input that was idle are expected then, and rows closed
 * before are kept.
 *
 * <p>The grace is {@code events.source-idleness}, at least {@link #MIN_GRACE_MS}: an input silent
 * for less than the idleness still holds the watermark back, so a row can close without it only
 * once it has been silent that long, and its next items come at the earliest then; the floor covers
 * subtasks that lag in processing time (backpressure, a restart of one input), which no setting
 * bounds.
 */
public final class ClosedRows implements Serializable {

  /** Least wall-clock time a closed row is kept, whatever the idleness. */
  public static final long MIN_GRACE_MS = 30_000;

  private final long graceMs;

  private ClosedRows(long graceMs) {
    this.graceMs = graceMs;
  }

  /** The grace the job's configuration implies. */
  public static ClosedRows from(JobConfig config) {
    return new ClosedRows(
        Math.max(MIN_GRACE_MS, config.get(ServicePulseOptions.EVENTS_SOURCE_IDLENESS).toMillis()));
  }

  /** Wall-clock time a closed row is kept for items from an input whose watermark was behind. */
  public long graceMs() {
    return graceMs;
  }

  /**
   * True if a row that closes at {@code closesAt} and has no state now may have been dropped, so an
   * item for it must not start a fresh row.
   */
  public static boolean wasDropped(long watermark, long closesAt) {
    return watermark != Long.MAX_VALUE && watermark >= closesAt;
  }

  /** Call once the row is closed in event time; drop it when the processing-time timer fires. */
  public void scheduleDrop(TimerService timers) {
    if (timers.currentWatermark() != Long.MAX_VALUE) {
      timers.registerProcessingTimeTimer(timers.currentProcessingTime() + graceMs);
    }
  }

  /**
   * Rows are written when the next watermark arrives; at the end of input none will, so the caller
   * writes now when this returns true.
   */
  public static boolean writeNowOrAtNextWatermark(TimerService timers) {
    long watermark = timers.currentWatermark();
    if (watermark == Long.MAX_VALUE) {
      return true;
    }
    timers.registerEventTimeTimer(watermark + 1);
    return false;
  }

  /** The dead letter for an item that arrived after its row was dropped. */
  public static DeadLetter lateLetter(
      String job, String table, String what, String id, Object item) {
    return DeadLetter.ofEvent(
        job,
        DeadLetter.STAGE_LATE,
        "correction of a " + table + " row that is already final",
        what,
        id,
        String.valueOf(item));
  }
}
