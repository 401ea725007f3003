// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

/** A change of one buyer's reached / missed flags in one daily row. A Flink POJO. */
public class ReplyRateDelta {

  public static final String SCOPE_SHOP = "shop";
  public static final String SCOPE_AGENT = "agent";

  public String scope;
  public String shopId;

  /** "" for the shop scope. */
  public String agentId;

  public int day;
  public int reachedDelta;
  public int missedDelta;

  public ReplyRateDelta() {}

  public ReplyRateDelta(
      String scope, String shopId, String agentId, int day, int reachedDelta, int missedDelta) {
    this.scope = scope;
    this.shopId = shopId;
    this.agentId = agentId;
    this.day = day;
    this.reachedDelta = reachedDelta;
    this.missedDelta = missedDelta;
  }

  /** Row key for keyBy, unambiguous whatever characters the ids hold. */
  public String rowKey() {
    return scope + ":" + shopId.length() + ":" + shopId + agentId.length() + ":" + agentId + day;
  }

  @Override
  public String toString() {
    return rowKey() + " reached" + signed(reachedDelta) + " missed" + signed(missedDelta);
  }

  private static String signed(int d) {
    return d >= 0 ? "+" + d : String.valueOf(d);
  }
}
