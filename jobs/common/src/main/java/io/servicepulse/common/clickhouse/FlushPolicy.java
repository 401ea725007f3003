// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

/**
 * When a sink's buffer goes to ClickHouse between checkpoints. A table managers watch live is
 * flushed every {@code clickhouse.live-flush-interval} while it holds a live row; rows of a
 * catch-up (a replay, a backlog after an outage: record time more than {@link #CATCH_UP_LAG_MS}
 * behind the clock) wait for the ordinary {@code clickhouse.flush-interval}, since nobody watches
 * them arrive and four times fewer inserts leave ClickHouse fewer parts to merge while the job
 * catches up (ClickHouse spent a quarter of the CPU of a ServiceMetricsJob replay). A row without a
 * record time (from a processing-time timer) counts as live. Not thread-safe: the task thread's.
 */
final class FlushPolicy {

  /** How far behind the clock a row's record time must be to count as catch-up. */
  static final long CATCH_UP_LAG_MS = 60_000;

  private final long flushIntervalMs;
  private final long liveFlushIntervalMs;
  private boolean holdsLiveRow;
  private long lastFlushMs;

  /** {@code liveFlushIntervalMs}: the table's live interval, or its ordinary one if not live. */
  FlushPolicy(long flushIntervalMs, long liveFlushIntervalMs, long nowMs) {
    this.flushIntervalMs = flushIntervalMs;
    this.liveFlushIntervalMs = Math.min(flushIntervalMs, liveFlushIntervalMs);
    this.lastFlushMs = nowMs;
  }

  /** How often to ask {@link #due}. */
  long checkIntervalMs() {
    return liveFlushIntervalMs;
  }

  void rowAdded(Long recordTimestamp, long nowMs) {
    if (!holdsLiveRow) {
      holdsLiveRow = recordTimestamp == null || recordTimestamp >= nowMs - CATCH_UP_LAG_MS;
    }
  }

  /** Whether a non-empty buffer goes now. */
  boolean due(long nowMs) {
    return holdsLiveRow || nowMs - lastFlushMs >= flushIntervalMs - liveFlushIntervalMs / 2;
  }

  void flushed(long nowMs) {
    holdsLiveRow = false;
    lastFlushMs = nowMs;
  }
}
