// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

/**
 * One row of {@code n_minute_reply_daily} being counted: reached and missed buyers of a (shop, day)
 * or (shop, agent, day), as sums of the buyers' flag changes. A Flink POJO (state and row).
 */
public class DailyReplyRate {

  public String scope;
  public String shopId;
  public String agentId;
  public int day;
  public long reachedBuyers;
  public long missedBuyers;

  /** Counted in state (not the wall clock), so it survives a restore and never goes backwards. */
  public long version;

  public boolean dirty;

  public DailyReplyRate() {}

  public static DailyReplyRate forRow(ReplyRateDelta d) {
    DailyReplyRate r = new DailyReplyRate();
    r.scope = d.scope;
    r.shopId = d.shopId;
    r.agentId = d.agentId;
    r.day = d.day;
    return r;
  }

  public void apply(ReplyRateDelta d) {
    reachedBuyers += d.reachedDelta;
    missedBuyers += d.missedDelta;
    dirty = true;
  }

  /** The row to write now, with a version higher than every earlier one of this row. */
  public DailyReplyRate emit() {
    version++;
    dirty = false;
    DailyReplyRate row = new DailyReplyRate();
    row.scope = scope;
    row.shopId = shopId;
    row.agentId = agentId;
    row.day = day;
    row.reachedBuyers = reachedBuyers;
    row.missedBuyers = missedBuyers;
    row.version = version;
    return row;
  }

  @Override
  public String toString() {
    return scope
        + " "
        + shopId
        + "/"
        + agentId
        + " day "
        + day
        + " reached="
        + reachedBuyers
        + " missed="
        + missedBuyers
        + " v"
        + version;
  }
}
