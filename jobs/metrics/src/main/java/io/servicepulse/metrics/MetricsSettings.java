// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.metrics.wait.WaitThresholds;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric knobs of DESIGN.md "Metric definitions", resolved once from {@link JobConfig}, plus
 * the shop-calendar questions they answer (day of an instant, inside business hours).
 */
public record MetricsSettings(
    String timeZone,
    long sessionGapMs,
    long replyTimeoutMs,
    long slowThresholdMs,
    int businessStartSecond,
    int businessEndSecond,
    long nMinuteMs,
    boolean botsAnswer,
    long allowedLatenessMs,
    WaitThresholds waitAlerts)
    implements Serializable {

  /** The per-turn N-minute variant of DESIGN.md: answered by a human within 30 s, 60 s, 180 s. */
  public static final long[] WITHIN_BUCKETS_MS = {30_000, 60_000, 180_000};

  private static final Map<String, ZoneRules> RULES = new ConcurrentHashMap<>();

  public MetricsSettings {
    ZoneId.of(timeZone);
    if (sessionGapMs <= 0 || replyTimeoutMs <= 0 || slowThresholdMs < 0 || nMinuteMs <= 0) {
      throw new IllegalArgumentException("metrics durations must be positive");
    }
    if (businessStartSecond >= businessEndSecond) {
      throw new IllegalArgumentException("metrics.business-hours-start must be before the end");
    }
  }

  public static MetricsSettings from(JobConfig config) {
    return new MetricsSettings(
        config.get(ServicePulseOptions.EVENTS_TIME_ZONE),
        config.get(ServicePulseOptions.METRICS_SESSION_GAP).toMillis(),
        config.get(ServicePulseOptions.METRICS_REPLY_TIMEOUT).toMillis(),
        config.get(ServicePulseOptions.METRICS_SLOW_THRESHOLD).toMillis(),
        LocalTime.parse(config.get(ServicePulseOptions.METRICS_BUSINESS_HOURS_START))
            .toSecondOfDay(),
        LocalTime.parse(config.get(ServicePulseOptions.METRICS_BUSINESS_HOURS_END)).toSecondOfDay(),
        config.get(ServicePulseOptions.METRICS_N_MINUTE).toMillis(),
        config.get(ServicePulseOptions.METRICS_BOTS_ANSWER),
        config.get(ServicePulseOptions.EVENTS_ALLOWED_LATENESS).toMillis(),
        WaitThresholds.parse(
            config.get(ServicePulseOptions.METRICS_WAIT_ALERTS),
            config.get(ServicePulseOptions.METRICS_WAIT_ALERTS_BY)));
  }

  /** The defaults of every option, e.g. for tests. */
  public static MetricsSettings defaults() {
    return from(JobConfig.of(Map.of()));
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  /** Shop-local day of {@code ts}, as days since 1970-01-01. */
  public int day(long ts) {
    return (int) Math.floorDiv(localSecond(ts), 86_400L);
  }

  /** First instant after the shop-local day {@code epochDay}. */
  public long dayEndMs(int epochDay) {
    return LocalDate.ofEpochDay(epochDay + 1L).atStartOfDay(zone()).toInstant().toEpochMilli();
  }

  /** Business hours: start inclusive, end exclusive, shop-local time. */
  public boolean inBusinessHours(long ts) {
    long second = Math.floorMod(localSecond(ts), 86_400L);
    return second >= businessStartSecond && second < businessEndSecond;
  }

  /** Seconds since 1970-01-01T00:00 shop-local time: cheaper than a ZonedDateTime per message. */
  private long localSecond(long ts) {
    ZoneRules zoneRules = RULES.computeIfAbsent(timeZone, id -> ZoneId.of(id).getRules());
    return Math.floorDiv(ts, 1000L)
        + zoneRules.getOffset(Instant.ofEpochMilli(ts)).getTotalSeconds();
  }

  /**
   * Watermark from which nothing can change a turn: an answered one is fixed by its messages up to
   * the answer, an unanswered one by those up to its reply timeout; messages older than the allowed
   * lateness behind the watermark are dead letters.
   */
  public long turnFinalAt(long startMs, long answerMs) {
    long decidedBy = answerMs >= 0 ? answerMs : startMs + replyTimeoutMs;
    return decidedBy + allowedLatenessMs + 1;
  }
}
