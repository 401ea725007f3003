// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The metric knobs the ground truth is computed for: the defaults of DESIGN.md. A job whose results
 * are compared with a {@link GroundTruth} must run with exactly these values (they are written into
 * truth.json). The scenario keeps every timestamp well clear of these thresholds, so a job that
 * rounds or compares with {@code <} instead of {@code <=} still gets the same numbers.
 */
public record MetricRules(
    String timeZone,
    long sessionGapMs,
    long replyTimeoutMs,
    long slowThresholdMs,
    String businessHoursStart,
    String businessHoursEnd,
    long nMinuteMs,
    long allowedLatenessMs,
    long inquiryValidityMs,
    long followUpWindowMs,
    String attributionRule,
    boolean botsAnswer) {

  private static final long MINUTE = 60_000L;

  /** The jobs' default metrics.wait-alerts: waiting-buyer alert thresholds. */
  public static final long[] WAIT_ALERT_MS = {30_000L, 100_000L, 180_000L};

  private static final long DAY = 24 * 60 * MINUTE;

  public static final MetricRules DEFAULTS =
      new MetricRules(
          "Asia/Shanghai",
          30 * MINUTE,
          30 * MINUTE,
          100_000L,
          "08:00",
          "23:00",
          3 * MINUTE,
          5 * MINUTE,
          2 * DAY,
          3 * DAY,
          "ORDER_CREATED",
          false);

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  public LocalTime businessStart() {
    return LocalTime.parse(businessHoursStart);
  }

  public LocalTime businessEnd() {
    return LocalTime.parse(businessHoursEnd);
  }
}
