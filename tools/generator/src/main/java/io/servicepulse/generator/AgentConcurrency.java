// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * 接待压力 as buyers served at once, for one agent on one day: the conversations the agent served as
 * closed intervals [first answered turn's start, last answer]; the peak is the most intervals
 * holding one instant. Computed here by a plain sweep, independently of the ClickHouse view ({@code
 * agent_concurrency_daily}) it checks.
 */
final class AgentConcurrency {

  private final List<long[]> intervals = new ArrayList<>();

  void add(long startMs, long endMs) {
    intervals.add(new long[] {startMs, endMs});
  }

  /** The most intervals that share one instant (an end and a start at the same ms: both). */
  long peak() {
    long peak = 0;
    for (long[] at : intervals) {
      long open = 0;
      for (long[] other : intervals) {
        open += other[0] <= at[0] && at[0] <= other[1] ? 1 : 0;
      }
      peak = Math.max(peak, open);
    }
    return peak;
  }

  long servedMs() {
    return intervals.stream().mapToLong(i -> i[1] - i[0]).sum();
  }

  /** "peak served_ms conversations", as {@code agent_concurrency_daily} reads. */
  String figures() {
    return peak() + " " + servedMs() + " " + intervals.size();
  }
}
