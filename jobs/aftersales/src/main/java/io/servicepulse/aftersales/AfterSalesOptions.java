// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import io.servicepulse.common.config.JobOptions;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * AfterSalesJob's own configuration keys ({@code aftersales.*}); the shared ones are in {@link
 * io.servicepulse.common.config.ServicePulseOptions}. Registered for {@link
 * io.servicepulse.common.config.JobConfig} in {@code META-INF/services}.
 */
public final class AfterSalesOptions implements JobOptions {

  public static final ConfigOption<Duration> CORRECTION_WINDOW =
      ConfigOptions.key("aftersales.correction-window")
          .durationType()
          .defaultValue(Duration.ofDays(40))
          .withDescription(
              "How long after its shop-local day a KPI row (agent_kpi_daily) can still be"
                  + " corrected: a rating modified or a payout made up to this long after the day"
                  + " moves that day's row; later ones are dead letters (stage 'late'). 40 days"
                  + " lets a month be corrected early in the next (the shops close on the 3rd).");

  @Override
  public String prefix() {
    return "aftersales.";
  }
}
