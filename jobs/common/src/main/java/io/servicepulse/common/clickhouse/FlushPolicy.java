// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.io.Serializable;

/**
 * When a sink's buffer goes to ClickHouse between checkpoints. A table managers watch live is
 * flushed every {@code clickhouse.live-flush-interval} while it holds a live row, any other table
 * every {@code clickhouse.flush-interval} while it holds a recent row. Rows of a catch-up only (a
 * replay, a backlog after an outage: record time more than {@link #CATCH_UP_LAG_MS} behind the
 * clock) wait for {@code clickhouse.catch-up-flush-interval}: nobody watches them arrive, and
 * fewer, larger inserts leave ClickHouse fewer parts to merge while the job catches up (a
 * ServiceMetricsJob replay cost ClickHouse 6.8–6.9 CPU-s with 1 s, 3.3–4.1 with 5 s). A row without
 * a record time (from a processing-time timer) counts as live. Not thread-safe: the task thread's.
 */
final class FlushPolicy {

  /** How far behind the clock a row's record time must be to count as catch-up. */
  static final long CATCH_UP_LAG_MS = 60_000;

  /** A sink's three intervals, ms. */
  record Intervals(long flushMs, long liveFlushMs, long catchUpFlushMs) implements Serializable {

    /** {@code liveFlushMs}: the table's live interval, or its ordinary one if it is not live. */
    Intervals {
      liveFlushMs = Math.min(flushMs, liveFlushMs);
      catchUpFlushMs = Math.max(flushMs, catchUpFlushMs);
    }
  }

  private final Intervals intervals;
  private boolean holdsLiveRow;
  private long lastFlushMs;

  FlushPolicy(Intervals intervals, long nowMs) {
    this.intervals = intervals;
    this.lastFlushMs = nowMs;
  }

  /** How often to ask {@link #due}. */
  long checkIntervalMs() {
    return intervals.liveFlushMs();
  }

  void rowAdded(Long recordTimestamp, long nowMs) {
    if (!holdsLiveRow) {
      holdsLiveRow = recordTimestamp == null || recordTimestamp >= nowMs - CATCH_UP_LAG_MS;
    }
  }

  /** Whether a non-empty buffer goes now. */
  boolean due(long nowMs) {
    long interval = holdsLiveRow ? intervals.liveFlushMs() : intervals.catchUpFlushMs();
    // Checks come every checkIntervalMs, a little late: half a check early is on time.
    return nowMs - lastFlushMs >= interval - checkIntervalMs() / 2;
  }

  void flushed(long nowMs) {
    holdsLiveRow = false;
    lastFlushMs = nowMs;
  }
}
