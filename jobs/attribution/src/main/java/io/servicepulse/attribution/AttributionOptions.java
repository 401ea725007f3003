// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.config.JobOptions;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * AttributionJob's own configuration keys ({@code attribution.*}); the shared ones are in {@link
 * io.servicepulse.common.config.ServicePulseOptions}. Registered for {@link
 * io.servicepulse.common.config.JobConfig} in {@code META-INF/services}.
 */
public final class AttributionOptions implements JobOptions {

  public static final ConfigOption<String> RULE =
      ConfigOptions.key("attribution.rule")
          .stringType()
          .defaultValue("ORDER_CREATED")
          .withDescription(
              "When an order's owner (落实客服) is decided: ORDER_CREATED (下单判定, the last agent"
                  + " to answer before the order was created) or ORDER_PAID (付款判定, before it"
                  + " was paid).");

  public static final ConfigOption<Duration> INQUIRY_VALIDITY =
      ConfigOptions.key("attribution.inquiry-validity")
          .durationType()
          .defaultValue(Duration.ofDays(2))
          .withDescription(
              "How long an agent's answer can win an order (询单有效期), 1 to 15 days; also the"
                  + " window of 询单→最终付款.");

  public static final ConfigOption<Duration> FOLLOW_UP_WINDOW =
      ConfigOptions.key("attribution.follow-up-window")
          .durationType()
          .defaultValue(Duration.ofDays(3))
          .withDescription(
              "Agents answering after the decision and within this time of the order's creation"
                  + " (cut short when it completes, is cancelled or refunded) get assisted"
                  + " follow-up (协助跟进).");

  public static final ConfigOption<Duration> ORDER_RETENTION =
      ConfigOptions.key("attribution.order-retention")
          .durationType()
          .defaultValue(Duration.ofDays(30))
          .withDescription(
              "How long after its last event an order's attribution stays in state, so a late"
                  + " refund still reverses its owner's sales. Never less than 2 × inquiry-validity"
                  + " + follow-up-window + 2 days, which the job needs to finish the order's days.");

  @Override
  public String prefix() {
    return "attribution.";
  }
}
