// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One (shop, team, agent, minute) row being built, without Flink. Items that can still change are
 * kept by id so a correction replaces and a retraction removes exactly what was added; once the
 * watermark passes an item's final time it is folded into {@link #settled} and forgotten. The row
 * is therefore the same for every arrival order of the same items. The sum of the pending items and
 * their earliest final time are kept as they change, so writing a row and a watermark step that
 * settles nothing cost the same however many items are pending. A Flink POJO (state).
 */
public class MinuteAggregator {

  public String shopId;
  public String teamId;
  public String agentId;
  public long minuteMs;
  public MinuteSums settled = new MinuteSums();
  public Map<String, PendingItem> pending = new HashMap<>();

  /**
   * Sum of the pending items' values; null when it must be recounted (state from before it was
   * kept). Its maximum only grows: {@link #pendingMaxStale} says a removed item may have held it.
   */
  public MinuteSums pendingSums;

  /** The maximum in {@link #pendingSums} may belong to a removed item: recount before use. */
  public boolean pendingMaxStale;

  /** Earliest final time of a pending item (Long.MAX_VALUE if none); null: recount. */
  public Long pendingNextFinalAt;

  /**
   * Version of the last emitted row, counted in state (not the wall clock) so it survives a restore
   * and never goes backwards; the next one is higher.
   */
  public long version;

  /** Changed since the last emitted row. */
  public boolean dirty;

  public MinuteAggregator() {}

  public static MinuteAggregator forRow(MinuteContribution c) {
    MinuteAggregator a = new MinuteAggregator();
    a.shopId = c.shopId;
    a.teamId = c.teamId;
    a.agentId = c.agentId;
    a.minuteMs = c.minuteMs;
    return a;
  }

  /** What {@link #apply} did. */
  public enum Applied {
    /** Added, replaced or retracted a pending item. */
    PENDING,
    /**
     * Retracted an item already folded into the settled sums, by subtracting it: its producer's
     * watermark was behind this row's (an input that was idle, or the end of input reaching one
     * input first). Exact except for the maximum response time.
     */
    SETTLED_CORRECTED,
    /** A retraction of nothing this row holds; the row is unchanged. */
    UNKNOWN_RETRACTION
  }

  public Applied apply(MinuteContribution c, long watermark) {
    PendingItem previous = removePending(c.id);
    if (c.retracted) {
      if (previous != null) {
        dirty = true;
        return Applied.PENDING;
      }
      if (!settled.covers(c.values)) {
        return Applied.UNKNOWN_RETRACTION;
      }
      settled.subtract(c.values);
      dirty = true;
      return Applied.SETTLED_CORRECTED;
    }
    dirty = true;
    if (isFinal(c.finalAtMs, watermark)) {
      settled.add(c.values);
    } else {
      addPending(c.id, new PendingItem(c.values, c.finalAtMs));
    }
    return Applied.PENDING;
  }

  /** Folds the items that can no longer change into the settled sums. */
  public void settle(long watermark) {
    if (!isFinal(nextFinalAt(), watermark)) {
      return;
    }
    MinuteSums rest = new MinuteSums();
    long next = Long.MAX_VALUE;
    Iterator<PendingItem> it = pending.values().iterator();
    while (it.hasNext()) {
      PendingItem item = it.next();
      if (isFinal(item.finalAtMs, watermark)) {
        settled.add(item.values);
        it.remove();
      } else {
        rest.add(item.values);
        next = Math.min(next, item.finalAtMs);
      }
    }
    pendingSums = rest;
    pendingMaxStale = false;
    pendingNextFinalAt = next;
  }

  private void addPending(String id, PendingItem item) {
    pending.put(id, item);
    if (pendingSums != null) {
      pendingSums.add(item.values);
    }
    if (pendingNextFinalAt != null) {
      pendingNextFinalAt = Math.min(pendingNextFinalAt, item.finalAtMs);
    }
  }

  private PendingItem removePending(String id) {
    PendingItem item = pending.remove(id);
    if (item != null) {
      if (pendingSums != null) {
        pendingSums.subtract(item.values);
        pendingMaxStale |=
            item.values.responseMsMax > 0 && item.values.responseMsMax >= pendingSums.responseMsMax;
      }
      if (pendingNextFinalAt != null && item.finalAtMs <= pendingNextFinalAt) {
        pendingNextFinalAt = null;
      }
    }
    return item;
  }

  /** The pending items' sum, recounted only when a removal may have taken its maximum. */
  private MinuteSums pendingSums() {
    if (pendingSums == null || pendingMaxStale) {
      MinuteSums sums = new MinuteSums();
      for (PendingItem item : pending.values()) {
        sums.add(item.values);
      }
      pendingSums = sums;
      pendingMaxStale = false;
    }
    return pendingSums;
  }

  /**
   * Long.MAX_VALUE marks an item whose producer has not decided it yet (an open conversation): it
   * waits for its final version, even at the end-of-input watermark, which may reach this row
   * before the producer has sent that version.
   */
  private static boolean isFinal(long finalAtMs, long watermark) {
    return finalAtMs != Long.MAX_VALUE && finalAtMs <= watermark;
  }

  /** The row as of now: settled plus pending items. */
  public MinuteSums current() {
    MinuteSums sums = settled.copy();
    sums.add(pendingSums());
    return sums;
  }

  /** Earliest final time of a pending item, Long.MAX_VALUE if none is known yet. */
  public long nextFinalAt() {
    if (pendingNextFinalAt == null) {
      long next = Long.MAX_VALUE;
      for (PendingItem item : pending.values()) {
        next = Math.min(next, item.finalAtMs);
      }
      pendingNextFinalAt = next;
    }
    return pendingNextFinalAt;
  }

  /** The row to write now, with a version higher than every earlier one of this row. */
  public MinuteRow emit(int day) {
    version++;
    dirty = false;
    return new MinuteRow(shopId, teamId, agentId, minuteMs, day, current(), version);
  }
}
