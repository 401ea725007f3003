// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import io.servicepulse.common.config.JobOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * QaJob's own configuration keys ({@code qa.*}); the shared ones are in {@link
 * io.servicepulse.common.config.ServicePulseOptions}. Registered for {@link
 * io.servicepulse.common.config.JobConfig} in {@code META-INF/services}.
 */
public final class QaOptions implements JobOptions {

  public static final ConfigOption<String> MODEL_ROOT =
      ConfigOptions.key("qa.model-root")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Folder holding CoreNLP's edu/stanford/nlp/models/... files. Unset: the models on"
                  + " the classpath, e.g. servicepulse-qa-*-corenlp-models.jar in Flink's lib/.");

  public static final ConfigOption<Integer> CACHE_SIZE =
      ConfigOptions.key("qa.cache-size")
          .intType()
          .defaultValue(50_000)
          .withDescription(
              "Inspection results kept per TaskManager, keyed by normalised text: agents repeat"
                  + " quick phrases all day, so most messages skip CoreNLP.");

  public static final ConfigOption<String> SHOP_HOTLINES =
      ConfigOptions.key("qa.shop-hotlines")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "The shop's own service numbers, comma-separated, in any format (400-820-8820,"
                  + " +86 138 0013 8000): an agent giving them out is not a privacy leak. Toll-free"
                  + " numbers (NANP 800/833/844/855/866/877/888, China 400/800) never are.");

  @Override
  public String prefix() {
    return "qa.";
  }
}
