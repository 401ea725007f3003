// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

/** A row of {@code service_minute}; a higher version replaces a lower one. A Flink POJO. */
public class MinuteRow {

  public String shopId;
  public String teamId;
  public String agentId;
  public long minuteMs;

  /** Shop-local day of the minute, days since 1970-01-01. */
  public int day;

  public MinuteSums sums;
  public long version;

  public MinuteRow() {}

  public MinuteRow(
      String shopId,
      String teamId,
      String agentId,
      long minuteMs,
      int day,
      MinuteSums sums,
      long version) {
    this.shopId = shopId;
    this.teamId = teamId;
    this.agentId = agentId;
    this.minuteMs = minuteMs;
    this.day = day;
    this.sums = sums;
    this.version = version;
  }

  @Override
  public String toString() {
    return shopId + "/" + teamId + "/" + agentId + "@" + minuteMs + " v" + version + " " + sums;
  }
}
