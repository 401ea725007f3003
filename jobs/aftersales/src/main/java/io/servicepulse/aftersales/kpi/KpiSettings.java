// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import io.servicepulse.aftersales.AfterSalesOptions;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.flink.ClosedRows;
import io.servicepulse.common.time.ShopCalendar;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The KPI calendar: shop-local days ({@link ShopCalendar}, like every job) and how long a day's
 * rows stay correctable. A month is a sum over its days, so a rating modified or a payout made up
 * to {@code aftersales.correction-window} after the day still corrects that day's row; later ones
 * are dead letters.
 */
public final class KpiSettings implements Serializable {

  final ShopCalendar calendar;
  final long windowMs;
  final long allowedLatenessMs;
  final ClosedRows closedRows;

  public KpiSettings(
      ShopCalendar calendar, Duration window, Duration allowedLateness, ClosedRows closedRows) {
    this.calendar = calendar;
    this.windowMs = window.toMillis();
    this.allowedLatenessMs = allowedLateness.toMillis();
    this.closedRows = closedRows;
  }

  public static KpiSettings from(JobConfig config) {
    return new KpiSettings(
        config.shopCalendar(),
        config.get(AfterSalesOptions.CORRECTION_WINDOW),
        config.get(ServicePulseOptions.EVENTS_ALLOWED_LATENESS),
        ClosedRows.from(config));
  }

  public static KpiSettings defaults() {
    return from(JobConfig.of(Map.of()));
  }

  /** The shop-local day of {@code ts}, as an epoch day. */
  public int day(String shopId, long ts) {
    return calendar.day(shopId, ts);
  }

  public long startOfDay(String shopId, int day) {
    return calendar.startOfDay(shopId, day);
  }

  /**
   * When the rows of {@code day} are final: nothing that changes them can still arrive in time.
   * State that feeds them (ledgers, rows) can go then.
   */
  public long dayFinalAt(String shopId, int day) {
    return startOfDay(shopId, day + 1) + windowMs + allowedLatenessMs;
  }

  /** Status changes older than this behind the watermark can no longer arrive (AgentTimeline). */
  public long windowMs() {
    return windowMs;
  }
}
