// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

/** A change to one (shop, agent, day) KPI row; agent '' when no agent is named. POJO. */
public class KpiDelta {
  public String shopId;
  public String agentId;
  public int day;
  public KpiCounts counts = new KpiCounts();

  public KpiDelta() {}

  public KpiDelta(String shopId, String agentId, int day, KpiCounts counts) {
    this.shopId = shopId;
    this.agentId = agentId;
    this.day = day;
    this.counts = counts;
  }

  /** The KPI row this changes. */
  public String rowKey() {
    return KpiRow.key(shopId, agentId, day);
  }

  @Override
  public String toString() {
    return rowKey() + " " + counts;
  }
}
