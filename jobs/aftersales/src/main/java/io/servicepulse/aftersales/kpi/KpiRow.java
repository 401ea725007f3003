// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import java.time.LocalDate;

/**
 * One (shop, agent, day) row of {@code agent_kpi_daily} as it stands now. {@code version} counts
 * the row's changes (kept in state), so ClickHouse keeps the latest. POJO.
 */
public class KpiRow {
  public String shopId;
  public String agentId;
  public int day;
  public KpiCounts counts = new KpiCounts();
  public long version;

  public KpiRow() {}

  static String key(String shopId, String agentId, int day) {
    return shopId + '|' + agentId + '|' + day;
  }

  public String rowKey() {
    return key(shopId, agentId, day);
  }

  public LocalDate date() {
    return LocalDate.ofEpochDay(day);
  }

  KpiRow copy() {
    KpiRow c = new KpiRow();
    c.shopId = shopId;
    c.agentId = agentId;
    c.day = day;
    c.counts = counts.copy();
    c.version = version;
    return c;
  }

  @Override
  public String toString() {
    return rowKey() + " v" + version + " " + counts;
  }
}
