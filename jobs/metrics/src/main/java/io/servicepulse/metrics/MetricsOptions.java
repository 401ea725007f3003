// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import io.servicepulse.common.config.JobOptions;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * ServiceMetricsJob's own configuration keys ({@code metrics.*}); the shared ones are in {@link
 * io.servicepulse.common.config.ServicePulseOptions}. Registered for {@link
 * io.servicepulse.common.config.JobConfig} in {@code META-INF/services}.
 */
public final class MetricsOptions implements JobOptions {

  public static final ConfigOption<Duration> SESSION_GAP =
      ConfigOptions.key("metrics.session-gap")
          .durationType()
          .defaultValue(Duration.ofMinutes(30))
          .withDescription(
              "A buyer's messages with a longer gap between them belong to different"
                  + " conversations.");

  public static final ConfigOption<String> CONVERSATIONS_FROM =
      ConfigOptions.key("metrics.conversations-from")
          .stringType()
          .defaultValue("conversation-id")
          .withDescription(
              "Where conversations (会话) come from. conversation-id: a message whose"
                  + " conversation_id differs from the previous message's starts a new"
                  + " conversation, and a gap longer than metrics.session-gap still ends one"
                  + " (messages without an id are split by the gap only). gap: only the gap.");

  public static final ConfigOption<Duration> REPLY_TIMEOUT =
      ConfigOptions.key("metrics.reply-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(30))
          .withDescription(
              "A turn with no human answer this long after its start (or before its conversation"
                  + " ends) is unanswered, credited to the agent the buyer was routed to, else"
                  + " to the shop.");

  public static final ConfigOption<Duration> SLOW_THRESHOLD =
      ConfigOptions.key("metrics.slow-threshold")
          .durationType()
          .defaultValue(Duration.ofSeconds(100))
          .withDescription("A turn answered after more than this is a slow response (慢响应).");

  public static final ConfigOption<Duration> N_MINUTE =
      ConfigOptions.key("metrics.n-minute")
          .durationType()
          .defaultValue(Duration.ofMinutes(3))
          .withDescription(
              "N of the per-buyer N-minute human reply rate (人工N分钟回复率): a buyer is missed if"
                  + " any business-hours turn waits longer than this for a human answer.");

  public static final ConfigOption<Boolean> BOTS_ANSWER =
      ConfigOptions.key("metrics.bots-answer")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Whether BOT messages (auto-replies, quick-reply robots) answer a turn. SYSTEM"
                  + " messages never do; bot answers never count for the N-minute rate or as a"
                  + " human answer of a conversation.");

  public static final ConfigOption<List<Duration>> WAIT_ALERTS =
      ConfigOptions.key("metrics.wait-alerts")
          .durationType()
          .asList()
          .defaultValues(Duration.ofSeconds(30), Duration.ofSeconds(100), Duration.ofMinutes(3))
          .withDescription(
              "A buyer waiting longer than each of these for an answer raises a waiting-buyer"
                  + " alert (Kafka kafka.alerts-topic and ClickHouse wait_alerts), closed when"
                  + " the turn is answered or times out.");

  public static final ConfigOption<String> WAIT_ALERTS_BY =
      ConfigOptions.key("metrics.wait-alerts-by")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Other waiting-buyer thresholds for a platform or a shop: entries"
                  + " KEY=DURATION/DURATION… separated by ';', KEY a platform (taobao, douyin, …;"
                  + " any case) or a shop id, e.g. 'douyin=30 s/3 min;shop-07=1 min'. A shop's"
                  + " entry wins over its platform's, which wins over metrics.wait-alerts.");

  @Override
  public String prefix() {
    return "metrics.";
  }
}
