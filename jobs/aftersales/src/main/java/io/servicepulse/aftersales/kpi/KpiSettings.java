// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The KPI calendar: shop-local days ({@code events.time-zone}, like every job) and how long a day's
 * rows stay correctable. A month is a sum over its days, so a rating modified or a payout made up
 * to {@link #CORRECTION_WINDOW} after the day still corrects that day's row; later ones are dead
 * letters.
 */
public final class KpiSettings implements Serializable {

  /** A month's rows can still be corrected early in the next month (the shops close on the 3rd). */
  public static final Duration CORRECTION_WINDOW = Duration.ofDays(40);

  final String timeZone;
  final long windowMs;
  final long allowedLatenessMs;
  private transient ZoneId zone;

  public KpiSettings(String timeZone, Duration window, Duration allowedLateness) {
    this.timeZone = ZoneId.of(timeZone).getId();
    this.windowMs = window.toMillis();
    this.allowedLatenessMs = allowedLateness.toMillis();
  }

  public static KpiSettings from(JobConfig config) {
    return new KpiSettings(
        config.get(ServicePulseOptions.EVENTS_TIME_ZONE),
        CORRECTION_WINDOW,
        config.get(ServicePulseOptions.EVENTS_ALLOWED_LATENESS));
  }

  public static KpiSettings defaults() {
    return from(JobConfig.of(Map.of()));
  }

  private ZoneId zone() {
    if (zone == null) {
      zone = ZoneId.of(timeZone);
    }
    return zone;
  }

  /** The shop-local day of {@code ts}, as an epoch day. */
  public int day(long ts) {
    return (int) Instant.ofEpochMilli(ts).atZone(zone()).toLocalDate().toEpochDay();
  }

  public long startOfDay(int day) {
    return LocalDate.ofEpochDay(day).atStartOfDay(zone()).toInstant().toEpochMilli();
  }

  /**
   * When the rows of {@code day} are final: nothing that changes them can still arrive in time.
   * State that feeds them (ledgers, rows) can go then.
   */
  public long dayFinalAt(int day) {
    return startOfDay(day + 1) + windowMs + allowedLatenessMs;
  }

  /** Status changes older than this behind the watermark can no longer arrive (AgentTimeline). */
  public long windowMs() {
    return windowMs;
  }
}
