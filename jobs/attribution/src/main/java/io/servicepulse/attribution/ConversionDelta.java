// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

/**
 * A change to one conversion row: one buyer's new contribution minus the one emitted before. Agent
 * '' (and team '') is the shop's silent row. POJO.
 */
public class ConversionDelta {
  public String shopId;
  public String teamId;
  public String agentId;
  public int day;
  public ConversionCounts counts = new ConversionCounts();

  public ConversionDelta() {}

  ConversionDelta(String shopId, String teamId, String agentId, int day, ConversionCounts counts) {
    this.shopId = shopId;
    this.teamId = teamId;
    this.agentId = agentId;
    this.day = day;
    this.counts = counts;
  }

  /** The conversion row this changes. */
  public String rowKey() {
    return shopId + '|' + teamId + '|' + agentId + '|' + day;
  }

  @Override
  public String toString() {
    return rowKey() + " " + counts;
  }
}
