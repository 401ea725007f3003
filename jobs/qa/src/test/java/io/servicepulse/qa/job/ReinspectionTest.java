// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What re-inspecting one message writes: new and changed flags, tombstones, nothing twice. */
class ReinspectionTest {

  private static final String NEW = "qa-inspector/1.2.0+lexicon/2026.12.04-1";
  private static final String OLD = "qa-inspector/1.1.0+lexicon/2026.12.03-3";

  @Test
  void aStoredFlagThatNoLongerFiresGetsATombstoneAboveItsVersion() {
    QaFlagRow stored = row("zh.insult.old", OLD, 1_000L, 0);
    Reinspection.Plan plan = Reinspection.plan(List.of(stored), List.of(), NEW, 5_000L);
    assertThat(plan.raised()).isEmpty();
    assertThat(plan.retracted()).hasSize(1);
    QaFlagRow tombstone = plan.retracted().get(0);
    assertThat(tombstone.retracted).isEqualTo(1);
    assertThat(tombstone.inspectorVersion).isEqualTo(NEW);
    assertThat(tombstone.inspectedMs).isEqualTo(5_000L);
    assertThat(tombstone.ruleId).isEqualTo("zh.insult.old");
    assertThat(tombstone.category).isEqualTo(stored.category);
    assertThat(tombstone.matchedText).isEqualTo(stored.matchedText);
    assertThat(stored.retracted).as("the stored row is not changed").isZero();
  }

  @Test
  void aVersionNeverGoesBackwardsOrRepeatsEvenWhenTheStoredClockRanAhead() {
    QaFlagRow ahead = row("zh.insult.old", OLD, 9_000L, 0);
    QaFlagRow still = row("zh.insult.shabi", OLD, 9_000L, 0);
    Reinspection.Plan plan =
        Reinspection.plan(
            List.of(ahead, still), List.of(row("zh.insult.shabi", NEW, 0L, 0)), NEW, 5_000L);
    assertThat(plan.retracted()).extracting(r -> r.inspectedMs).containsExactly(9_001L);
    assertThat(plan.raised()).extracting(r -> r.inspectedMs).containsExactly(9_001L);
  }

  @Test
  void flagsThatFireNowAreWrittenWhenNewOrChangedAndNotWhenStoredAsTheyAre() {
    QaFlagRow same = row("zh.insult.shabi", NEW, 1_000L, 0);
    QaFlagRow olderVersion = row("zh.profanity.cao", OLD, 1_000L, 0);
    Reinspection.Plan plan =
        Reinspection.plan(
            List.of(same, olderVersion),
            List.of(
                row("zh.insult.shabi", NEW, 0L, 0),
                row("zh.profanity.cao", NEW, 0L, 0),
                row("zh.threat.kill", NEW, 0L, 0)),
            NEW,
            5_000L);
    assertThat(plan.unchanged()).isEqualTo(1);
    assertThat(plan.retracted()).isEmpty();
    assertThat(plan.raised())
        .extracting(r -> r.ruleId + "@" + r.inspectedMs + "/" + r.inspectorVersion)
        .containsExactly("zh.profanity.cao@5000/" + NEW, "zh.threat.kill@5000/" + NEW);
  }

  @Test
  void aTombstoneIsNotWrittenTwiceAndAFlagThatFiresAgainIsRestored() {
    QaFlagRow tombstone = row("zh.insult.old", NEW, 2_000L, 1);
    assertThat(Reinspection.plan(List.of(tombstone), List.of(), NEW, 5_000L).writes()).isEmpty();

    Reinspection.Plan again =
        Reinspection.plan(List.of(tombstone), List.of(row("zh.insult.old", NEW, 0L, 0)), NEW, 1L);
    assertThat(again.raised()).hasSize(1);
    assertThat(again.raised().get(0).retracted).isZero();
    assertThat(again.raised().get(0).inspectedMs).isEqualTo(2_001L);
  }

  @Test
  void aChangedSeverityOrSpanIsRewritten() {
    QaFlagRow stored = row("zh.insult.shabi", NEW, 1_000L, 0);
    QaFlagRow now = row("zh.insult.shabi", NEW, 0L, 0);
    now.severity = 1;
    now.mitigation = "NEGATED";
    assertThat(Reinspection.plan(List.of(stored), List.of(now), NEW, 5_000L).raised())
        .extracting(r -> r.severity)
        .containsExactly(1);
  }

  private static QaFlagRow row(String rule, String version, long inspectedMs, int retracted) {
    QaFlagRow r = new QaFlagRow();
    r.messageId = "m1";
    r.ruleId = rule;
    r.platform = "taobao";
    r.shopId = "shop-1";
    r.teamId = "t1";
    r.agentId = "a1";
    r.buyerId = "b1";
    r.conversationId = "c1";
    r.senderRole = "AGENT";
    r.tsMs = 100L;
    r.day = 20_000L;
    r.category = "INSULT";
    r.severity = 3;
    r.mitigation = "NONE";
    r.language = "zh";
    r.spanStart = 2;
    r.spanEnd = 4;
    r.matchedText = "傻逼";
    r.maskedText = "你是傻逼";
    r.inspectorVersion = version;
    r.inspectedMs = inspectedMs;
    r.retracted = retracted;
    return r;
  }
}
