// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import io.servicepulse.common.chat.NoReplyNeeded;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.flink.ClosedRows;
import io.servicepulse.common.time.ShopCalendar;
import io.servicepulse.metrics.wait.WaitThresholds;
import java.io.Serializable;
import java.util.Map;

/**
 * The metric knobs of DESIGN.md "Metric definitions", resolved once from {@link JobConfig}, with
 * the shops' calendar (per-shop day of an instant, per-shop/platform business hours).
 */
public record MetricsSettings(
    ShopCalendar calendar,
    long sessionGapMs,
    boolean conversationIdSplits,
    NoReplyNeeded noReplyNeeded,
    long replyTimeoutMs,
    long slowThresholdMs,
    long nMinuteMs,
    boolean botsAnswer,
    long allowedLatenessMs,
    WaitThresholds waitAlerts,
    ClosedRows closedRows)
    implements Serializable {

  /** The per-turn N-minute variant of DESIGN.md: answered by a human within 30 s, 60 s, 180 s. */
  public static final long[] WITHIN_BUCKETS_MS = {30_000, 60_000, 180_000};

  public MetricsSettings {
    if (sessionGapMs <= 0 || replyTimeoutMs <= 0 || slowThresholdMs < 0 || nMinuteMs <= 0) {
      throw new IllegalArgumentException("metrics durations must be positive");
    }
  }

  public static MetricsSettings from(JobConfig config) {
    return new MetricsSettings(
        config.shopCalendar(),
        config.get(MetricsOptions.SESSION_GAP).toMillis(),
        conversationIdSplits(config.get(MetricsOptions.CONVERSATIONS_FROM)),
        config.noReplyNeeded(),
        config.get(MetricsOptions.REPLY_TIMEOUT).toMillis(),
        config.get(MetricsOptions.SLOW_THRESHOLD).toMillis(),
        config.get(MetricsOptions.N_MINUTE).toMillis(),
        config.get(MetricsOptions.BOTS_ANSWER),
        config.get(ServicePulseOptions.EVENTS_ALLOWED_LATENESS).toMillis(),
        WaitThresholds.parse(
            config.get(MetricsOptions.WAIT_ALERTS), config.get(MetricsOptions.WAIT_ALERTS_BY)),
        ClosedRows.from(config));
  }

  private static boolean conversationIdSplits(String from) {
    return switch (from.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "conversation-id" -> true;
      case "gap" -> false;
      default ->
          throw new IllegalArgumentException(
              "metrics.conversations-from must be conversation-id or gap, not '" + from + "'");
    };
  }

  /** The defaults of every option, e.g. for tests. */
  public static MetricsSettings defaults() {
    return from(JobConfig.of(Map.of()));
  }

  /** Shop-local day of {@code ts} in the shop {@code shopId}, as days since 1970-01-01. */
  public int day(String shopId, long ts) {
    return calendar.day(shopId, ts);
  }

  /** First instant after the shop-local day {@code epochDay} of the shop {@code shopId}. */
  public long dayEndMs(String shopId, int epochDay) {
    return calendar.endOfDay(shopId, epochDay);
  }

  /** Inside the business hours of this shop on this platform (start inclusive, end exclusive). */
  public boolean inBusinessHours(String platform, String shopId, long ts) {
    return calendar.inBusinessHours(platform, shopId, ts);
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
