// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.flink.ClosedRows;
import io.servicepulse.common.time.ShopCalendar;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The attribution knobs, validated, plus the shop-calendar questions every attribution class asks.
 * Days are epoch days in the shop's own time zone ({@link ShopCalendar}).
 */
public final class AttributionSettings implements Serializable {

  static final long DAY_MS = Duration.ofDays(1).toMillis();

  final AttributionRule rule;
  final long validityMs;
  final long followUpWindowMs;
  final ShopCalendar calendar;
  final long orderRetentionMs;
  final long allowedLatenessMs;
  final ClosedRows closedRows;

  public AttributionSettings(
      AttributionRule rule,
      Duration validity,
      Duration followUpWindow,
      ShopCalendar calendar,
      Duration orderRetention,
      Duration allowedLateness,
      ClosedRows closedRows) {
    if (validity.compareTo(Duration.ofDays(1)) < 0 || validity.compareTo(Duration.ofDays(15)) > 0) {
      throw new IllegalArgumentException(
          "attribution.inquiry-validity must be 1 to 15 days, not " + validity);
    }
    if (followUpWindow.isNegative()) {
      throw new IllegalArgumentException("attribution.follow-up-window must not be negative");
    }
    this.rule = rule;
    this.validityMs = validity.toMillis();
    this.followUpWindowMs = followUpWindow.toMillis();
    this.calendar = calendar;
    this.orderRetentionMs = orderRetention.toMillis();
    this.allowedLatenessMs = allowedLateness.toMillis();
    this.closedRows = closedRows;
  }

  public static AttributionSettings from(JobConfig config) {
    String rule = config.get(AttributionOptions.RULE).toUpperCase(Locale.ROOT);
    AttributionRule parsed;
    try {
      parsed = AttributionRule.valueOf(rule);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "attribution.rule must be ORDER_CREATED or ORDER_PAID, not " + rule, e);
    }
    return new AttributionSettings(
        parsed,
        config.get(AttributionOptions.INQUIRY_VALIDITY),
        config.get(AttributionOptions.FOLLOW_UP_WINDOW),
        config.shopCalendar(),
        config.get(AttributionOptions.ORDER_RETENTION),
        config.get(ServicePulseOptions.EVENTS_ALLOWED_LATENESS),
        ClosedRows.from(config));
  }

  /** The defaults of DESIGN.md. */
  public static AttributionSettings defaults() {
    return from(JobConfig.of(Map.of()));
  }

  public AttributionSettings withRule(AttributionRule other) {
    return new AttributionSettings(
        other,
        Duration.ofMillis(validityMs),
        Duration.ofMillis(followUpWindowMs),
        calendar,
        Duration.ofMillis(orderRetentionMs),
        Duration.ofMillis(allowedLatenessMs),
        closedRows);
  }

  /** The shop-local day of {@code ts}, as an epoch day. */
  public int day(String shopId, long ts) {
    return calendar.day(shopId, ts);
  }

  /**
   * Like {@link #day} for any horizon: the end-of-input watermark (near Long.MAX_VALUE) lies beyond
   * every int day, and must close all of them rather than overflow.
   */
  int dayClamped(String shopId, long ts) {
    return (int) Math.min(calendar.epochDay(shopId, ts), Integer.MAX_VALUE);
  }

  long endOfDay(String shopId, int day) {
    return calendar.endOfDay(shopId, day);
  }

  /**
   * Once no event older than this can arrive any more, nothing credited to {@code day} can change:
   * its inquiries may still convert until the end of the next day (次日付款) or within the validity.
   */
  long dayFinalAt(String shopId, int day) {
    return endOfDay(shopId, day) + Math.max(DAY_MS, validityMs);
  }

  /** How long an answer can still matter: its day's conversions, orders it wins, follow-ups. */
  long answerRetentionMs() {
    return Math.max(DAY_MS + validityMs, followUpWindowMs);
  }
}
