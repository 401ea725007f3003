// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return GeneratorCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryOption() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--bootstrap-servers",
            "--chat-topic",
            "--order-topic",
            "--out-dir",
            "--truth",
            "--seed",
            "--shops",
            "--agents-per-team",
            "--teams-per-shop",
            "--buyers-per-shop",
            "--days",
            "--rate",
            "--out-of-order-rate",
            "--late-rate",
            "--duplicate-rate",
            "--malformed-rate",
            "--poison-rate",
            "--uncivil-rate",
            "--feedback-rate",
            "--after-sales-rate",
            "--agent-events",
            "--shop-time-zones",
            "--events");
  }

  @Test
  void shopsInOtherZonesAreInTheTruthsRules(@TempDir Path dir) throws Exception {
    int code =
        run(
            "--out-dir",
            dir.toString(),
            "--events",
            "1000",
            "--shop-time-zones",
            "shop-02=America/New_York,shop-03=Asia/Tokyo");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    GroundTruth t = GroundTruth.read(dir.resolve("truth.json"));
    assertThat(t.rules().shopTimeZones())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of("shop-02", "America/New_York", "shop-03", "Asia/Tokyo"));
    assertThat(run("--out-dir", dir.toString(), "--shop-time-zones", "shop-02=Mars/Base"))
        .isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Mars/Base");
  }

  @Test
  void schemaVersion3EventsGoToTheirOwnTopicFiles(@TempDir Path dir) throws Exception {
    int code =
        run(
            "--out-dir",
            dir.toString(),
            "--shops",
            "2",
            "--events",
            "3000",
            "--feedback-rate",
            "0.3",
            "--after-sales-rate",
            "0.3",
            "--agent-events",
            "true");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(dir.resolve("feedback-events.records")).isNotEmptyFile();
    assertThat(dir.resolve("after-sales-events.records")).isNotEmptyFile();
    assertThat(dir.resolve("agent-events.records")).isNotEmptyFile();
    GroundTruth t = GroundTruth.read(dir.resolve("truth.json"));
    assertThat(t.scenario())
        .containsEntry("afterSalesRate", "0.3")
        .containsEntry("agentEvents", "true");
    assertThat(t.afterSales().feedbacks()).isPositive();
    assertThat(t.afterSales().afterSalesEvents()).isPositive();
    assertThat(t.afterSales().agentEvents()).isPositive();
  }

  @Test
  void writesFilesAndTruthAndPrintsASummary(@TempDir Path dir) throws Exception {
    Path truth = dir.resolve("expected.json");
    int code =
        run(
            "--out-dir",
            dir.resolve("out").toString(),
            "--truth",
            truth.toString(),
            "--shops",
            "2",
            "--events",
            "3000",
            "--seed",
            "7",
            "--poison-rate",
            "0.01");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(dir.resolve("out/chat-messages.records")).exists();
    assertThat(dir.resolve("out/order-events.records")).exists();
    GroundTruth t = GroundTruth.read(truth);
    assertThat(t.scenario()).containsEntry("seed", "7").containsEntry("shops", "2");
    assertThat(t.scenario()).containsEntry("poisonRate", "0.01");
    assertThat(t.ingest().poisonTotal()).isPositive();
    assertThat(t.ingest().chatMessages() + t.ingest().orderEvents()).isBetween(2_000L, 4_500L);
    assertThat(Files.readString(dir.resolve("out/truth.json"))).isEqualTo(t.toJson());
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("shop-01", "shop-02", "records", "poison");
  }

  @Test
  void rejectsMissingDestinationAndUnknownOptions() {
    assertThat(run("--shops", "2")).isEqualTo(2);
    assertThat(run("--out-dir", "x", "--frobnicate", "1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --frobnicate");
  }
}
