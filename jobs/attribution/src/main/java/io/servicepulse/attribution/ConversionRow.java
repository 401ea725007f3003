// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.time.LocalDate;

/**
 * One (shop, team, agent, day) conversion row as it stands now; agent '' is the shop's silent row.
 * {@code version} grows with every change so ClickHouse keeps the latest. POJO.
 */
public class ConversionRow {
  public String shopId;
  public String teamId;
  public String agentId;
  public int day;
  public ConversionCounts counts = new ConversionCounts();
  public long version;

  public ConversionRow() {}

  ConversionRow copy() {
    ConversionRow c = new ConversionRow();
    c.shopId = shopId;
    c.teamId = teamId;
    c.agentId = agentId;
    c.day = day;
    c.counts = counts.copy();
    c.version = version;
    return c;
  }

  public boolean isSilentRow() {
    return agentId.isEmpty();
  }

  public boolean isAgentRow() {
    return !isSilentRow();
  }

  public LocalDate date() {
    return LocalDate.ofEpochDay(day);
  }

  public String rowKey() {
    return shopId + '|' + teamId + '|' + agentId + '|' + day;
  }

  @Override
  public String toString() {
    return rowKey() + " v" + version + " " + counts;
  }
}
