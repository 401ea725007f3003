// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.config.ServicePulseOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayOptionsTest {

  private static ReplayOptions parse(String... args) throws ReplayOptions.UsageException {
    return ReplayOptions.parse(args, Map.of());
  }

  @Test
  void replayFlagsAreSplitOffAndTheRestIsJobConfiguration() throws Exception {
    ReplayOptions options =
        parse(
            "--kafka.bootstrap-servers",
            "kafka-1:9092",
            "--where",
            "stage = 'invalid' AND reason = 'text too long'",
            "--to-topic=chat-fixed",
            "--dry-run",
            "--clickhouse.url=jdbc:clickhouse://ch:9000/sp",
            "--limit",
            "20000");

    assertThat(options.where()).isEqualTo("stage = 'invalid' AND reason = 'text too long'");
    assertThat(options.ids()).isEmpty();
    assertThat(options.toTopic()).isEqualTo("chat-fixed");
    assertThat(options.dryRun()).isTrue();
    assertThat(options.limit()).isEqualTo(20_000);
    assertThat(options.config().get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS))
        .isEqualTo("kafka-1:9092");
    assertThat(options.config().get(ServicePulseOptions.CLICKHOUSE_URL))
        .isEqualTo("jdbc:clickhouse://ch:9000/sp");
  }

  @Test
  void defaultsAreEachLettersSourceTopicTenThousandAndARealRun() throws Exception {
    ReplayOptions options = parse("--id", "a");
    assertThat(options.toTopic()).isNull();
    assertThat(options.dryRun()).isFalse();
    assertThat(options.limit()).isEqualTo(ReplayOptions.DEFAULT_LIMIT).isEqualTo(10_000);
    assertThat(options.where()).isNull();
  }

  @Test
  void idIsRepeatableAndQuotedInTheQuery() throws Exception {
    ReplayOptions options = parse("--id", "a-1", "--id=b'2", "--where", "job = 'ingest'");
    assertThat(options.ids()).containsExactly("a-1", "b'2");
    assertThat(options.selectSql())
        .contains("FROM dead_letters FINAL WHERE (job = 'ingest')")
        .contains("AND dead_letter_id IN ('a-1', 'b\\'2')")
        .endsWith("LIMIT 10001");
  }

  @Test
  void configFileAndEnvironmentStillWork(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("replay.properties");
    Files.writeString(file, "kafka.bootstrap-servers=from-file:9092\n");
    ReplayOptions options =
        ReplayOptions.parse(
            new String[] {"--config", file.toString(), "--id", "x"},
            Map.of("SERVICEPULSE_CLICKHOUSE_USER", "replayer"));
    assertThat(options.config().get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS))
        .isEqualTo("from-file:9092");
    assertThat(options.config().get(ServicePulseOptions.CLICKHOUSE_USER)).isEqualTo("replayer");
  }

  @Test
  void aJobOptionsValueIsNeverReadAsAReplayFlag() throws Exception {
    ReplayOptions options = parse("--kafka.chat-topic", "--dry-run", "--id", "x");
    assertThat(options.dryRun()).isFalse();
    assertThat(options.config().get(ServicePulseOptions.KAFKA_CHAT_TOPIC)).isEqualTo("--dry-run");
  }

  @Test
  void usageErrors() {
    for (List<String> args :
        List.of(
            List.<String>of(),
            List.of("--dry-run"),
            List.of("--where", " "),
            List.of("--where"),
            List.of("--where", "a = 1", "--where", "b = 2"),
            List.of("--id", "x", "--limit", "0"),
            List.of("--id", "x", "--limit", "many"),
            List.of("--id", "x", "--to-topic", ""),
            List.of("--id", "x", "--dry-run=yes"),
            List.of("--id", "x", "--wher", "stage = 'late'"),
            List.of("--id", "x", "stray"),
            List.of("--id", "x", "--clickhouse.password", "secret"))) {
      assertThatThrownBy(() -> parse(args.toArray(String[]::new)))
          .as("%s", args)
          .isInstanceOf(ReplayOptions.UsageException.class);
    }
  }

  @Test
  void aMistypedFlagIsReportedAsTheUnknownKeyItIs() {
    assertThatThrownBy(() -> parse("--wher", "stage = 'late'"))
        .isInstanceOf(ReplayOptions.UsageException.class)
        .hasMessageContaining("unknown configuration key 'wher'");
  }

  @Test
  void theCommandExitsWithTwoAndUsageOnAnUnknownFlagAndZeroOnHelp() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        DeadLetterReplay.run(
            new String[] {"--id", "x", "--bogus", "1"},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("用法错误 usage error: unknown configuration key 'bogus'")
        .contains("--to-topic");
    assertThat(out.size()).isZero();

    out.reset();
    assertThat(
            DeadLetterReplay.run(
                new String[] {"--help"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--where");
  }
}
