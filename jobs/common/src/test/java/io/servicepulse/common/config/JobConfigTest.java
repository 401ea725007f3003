// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

  @Test
  void defaultsApplyWhenNothingIsSet() {
    JobConfig config = JobConfig.fromArgs(new String[0], Map.of());
    assertThat(config.get(ServicePulseOptions.KAFKA_CHAT_TOPIC)).isEqualTo("chat-messages");
    assertThat(config.get(ServicePulseOptions.CLICKHOUSE_FLUSH_INTERVAL))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void commandLineBeatsEnvironmentBeatsFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.properties");
    Files.writeString(
        file, "kafka.chat-topic=from-file\nkafka.order-topic=from-file\nclickhouse.batch-size=7\n");
    JobConfig config =
        JobConfig.fromArgs(
            new String[] {"--config", file.toString(), "--kafka.chat-topic", "from-cli"},
            Map.of("SERVICEPULSE_KAFKA_ORDER_TOPIC", "from-env"));

    assertThat(config.get(ServicePulseOptions.KAFKA_CHAT_TOPIC)).isEqualTo("from-cli");
    assertThat(config.get(ServicePulseOptions.KAFKA_ORDER_TOPIC)).isEqualTo("from-env");
    assertThat(config.get(ServicePulseOptions.CLICKHOUSE_BATCH_SIZE)).isEqualTo(7);
  }

  @Test
  void aMistypedKeyIsAnErrorNotASilentDefault() {
    assertThatThrownBy(
            () -> JobConfig.fromArgs(new String[] {"--kafka.bootstrap-server", "x:1"}, Map.of()))
        .hasMessageContaining("unknown configuration key 'kafka.bootstrap-server'");
  }

  @Test
  void passwordsAreRefusedOnTheCommandLineAndReadFromEnvironmentOrFile(@TempDir Path dir)
      throws Exception {
    assertThatThrownBy(
            () -> JobConfig.fromArgs(new String[] {"--clickhouse.password", "s3cret"}, Map.of()))
        .hasMessageContaining(JobConfig.PASSWORD_ENV);

    assertThat(
            JobConfig.fromArgs(new String[0], Map.of(JobConfig.PASSWORD_ENV, "from-env"))
                .clickHousePassword())
        .isEqualTo("from-env");

    Path secret = dir.resolve("pw");
    Files.writeString(secret, "from-file\n");
    assertThat(
            JobConfig.fromArgs(
                    new String[] {"--clickhouse.password-file", secret.toString()}, Map.of())
                .clickHousePassword())
        .isEqualTo("from-file");
  }

  @Test
  void aKeyOfAJobNotOnTheClasspathIsLeftToThatJob() {
    // One config file for every job: this process has none of the jobs' own options.
    JobConfig config =
        JobConfig.fromArgs(
            new String[] {"--metrics.slow-threshold", "5 s", "--qa.cache-size", "9"}, Map.of());
    assertThat(config.get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS)).isNotBlank();
    assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--kafka.bootstrap", "x"}, Map.of()))
        .hasMessageContaining("unknown configuration key 'kafka.bootstrap'");
  }

  @Test
  void readingAJobsOptionWhoseJobOptionsIsNotRegisteredFails() {
    // Its keys would be ignored as another job's, and the job would run on defaults.
    var unregistered =
        org.apache.flink.configuration.ConfigOptions.key("qa.cache-size").intType().defaultValue(1);
    assertThatThrownBy(() -> JobConfig.of(Map.of()).get(unregistered))
        .hasMessageContaining("qa.cache-size is read here but its JobOptions is not registered");
  }

  @Test
  void sharedKeysUseNoJobsPrefixButTheShopCalendars() {
    assertThat(ServicePulseOptions.all())
        .filteredOn(o -> ServicePulseOptions.JOB_PREFIXES.stream().anyMatch(o.key()::startsWith))
        .extracting(o -> o.key())
        .allMatch(key -> key.startsWith("metrics.business-hours"));
  }

  @Test
  void configTableListsEveryKeyWithItsEnvironmentVariable() {
    String table = ConfigTable.markdown();
    for (var option : ServicePulseOptions.all()) {
      assertThat(table).contains("`" + option.key() + "`", JobConfig.envName(option.key()));
    }
    assertThat(table).contains("`10 s`").doesNotContain("Description@");
  }
}
