// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.config.ConfigTable;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.JobOptions;
import io.servicepulse.common.config.ServicePulseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Here, where every job is on the classpath, so the table holds the shared and every job's keys.
 */
class ReadmeConfigTableTest {

  @Test
  void readmeDocumentsEveryConfigurationKeyAsTheOptionsDefineIt() throws Exception {
    Path readme = Path.of("../../README.md");
    String text = Files.readString(readme);
    assertThat(ConfigTable.withTable(text, ConfigTable.markdown()))
        .as(
            "README.md's configuration table is stale; regenerate it with: java -cp"
                + " tools/demo/target/classes:$(cat tools/demo/target/runtime.classpath)"
                + " io.servicepulse.common.config.ConfigTable --write README.md")
        .isEqualTo(text);
  }

  @Test
  void everyJobsOwnOptionsAreFoundAndCarryTheirPrefix() {
    assertThat(JobOptions.onClasspath())
        .extracting(JobOptions::prefix)
        .containsExactlyElementsOf(ServicePulseOptions.JOB_PREFIXES);
    for (JobOptions job : JobOptions.onClasspath()) {
      assertThat(job.options())
          .isNotEmpty()
          .allSatisfy(o -> assertThat(o.key()).startsWith(job.prefix()));
    }
  }

  @Test
  void aMistypedKeyOfAJobOnTheClasspathIsStillRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JobConfig.fromArgs(new String[] {"--metrics.slow-treshold", "5 s"}, Map.of()))
        .hasMessageContaining("unknown configuration key 'metrics.slow-treshold'");
    assertThat(
            JobConfig.fromArgs(new String[] {"--metrics.slow-threshold", "5 s"}, Map.of())
                .get(io.servicepulse.metrics.MetricsOptions.SLOW_THRESHOLD))
        .hasSeconds(5);
  }
}
