// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.wait;

import static io.servicepulse.common.testing.EventFixtures.BEGINNING;
import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.buyerSaysTo;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.ShopBuyerKey;
import io.servicepulse.metrics.turn.TurnFact;
import io.servicepulse.metrics.turn.TurnTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alerts as the turn tracker sends them ({@link WaitAlertJudge#ALERTS}). */
class WaitAlertJudgeTest {

  private static final long START = BEGINNING.toEpochMilli();

  private KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, TurnFact> harness;

  @BeforeEach
  void open() throws Exception {
    open(Map.of());
  }

  private void open(Map<String, String> config) throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new TurnTracker("service-metrics", MetricsSettings.from(JobConfig.of(config)))),
            new ShopBuyerKey(),
            Types.STRING);
    // A replay: the wall clock is a day after the messages, so the watermark is the judge.
    harness.setProcessingTime(START + Duration.ofDays(1).toMillis());
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void anAlertPerThresholdPassedWhileTheBuyerWaitsThenItsAnswer() throws Exception {
    ChatMessage question = buyerSaysTo(secs(0), "agent-1", "在吗");
    send(question, agentReplies(secs(150), "agent-2"));
    watermark(secs(30));
    assertThat(current()).isEmpty();
    watermark(secs(31));
    assertThat(current()).containsExactly("30s WAITING agent-1");
    watermark(secs(101));
    assertThat(current()).containsExactly("30s WAITING agent-1", "100s WAITING agent-1");
    watermark(secs(150));
    assertThat(current())
        .as("answered after 150 s: both alerts closed with the wait, no 3-minute alert")
        .containsExactly("30s ANSWERED agent-2 150000", "100s ANSWERED agent-2 150000");
    assertThat(latest().get(question.getEventId() + "@30s").waitedMs).isEqualTo(150_000);
  }

  @Test
  void aTurnAnsweredInTimeRaisesNothing() throws Exception {
    send(buyerSays(secs(0), "在吗"), agentReplies(secs(30), "agent-1"));
    watermark(mins(60));
    assertThat(alerts()).isEmpty();
  }

  @Test
  void anUnansweredTurnClosesEveryAlertAtTheReplyTimeout() throws Exception {
    send(buyerSaysTo(secs(0), "agent-1", "在吗"));
    watermark(mins(29));
    assertThat(current())
        .containsExactly("30s WAITING agent-1", "100s WAITING agent-1", "180s WAITING agent-1");
    watermark(mins(30));
    assertThat(current())
        .containsExactly(
            "30s UNANSWERED agent-1", "100s UNANSWERED agent-1", "180s UNANSWERED agent-1");
  }

  @Test
  void aLateAnswerRetractsTheAlertsItProvesWrong() throws Exception {
    send(buyerSays(secs(0), "在吗"));
    watermark(secs(120));
    assertThat(current()).containsExactly("30s WAITING ", "100s WAITING ");
    send(agentReplies(secs(50), "agent-1")); // held back by the network, inside the lateness
    assertThat(current()).containsExactly("30s ANSWERED agent-1 50000");
    assertThat(alerts())
        .filteredOn(a -> a.retracted)
        .extracting(WaitAlert::alertId)
        .containsExactly(firstBuyerEventId + "@100s");
  }

  @Test
  void liveTimersRoundUpToTheNextTick() {
    assertThat(WaitAlertJudge.tick(1_796_000_000_000L)).isEqualTo(1_796_000_000_000L);
    assertThat(WaitAlertJudge.tick(1_796_000_000_001L)).isEqualTo(1_796_000_000_100L);
    assertThat(WaitAlertJudge.tick(1_796_000_000_099L)).isEqualTo(1_796_000_000_100L);
    assertThat(WaitAlertJudge.tick(1_796_000_000_101L)).isEqualTo(1_796_000_000_200L);
    assertThat(WaitAlertJudge.tick(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void liveAlertsLeaveAtTheClockWithoutWaitingForTheWatermark() throws Exception {
    harness.setProcessingTime(START + 1_000);
    send(buyerSaysTo(secs(0), "agent-1", "在吗"));
    harness.setProcessingTime(START + 30_000);
    assertThat(current()).isEmpty();
    // Live timers are coalesced to 100 ms ticks: the alert leaves at the first tick after 30 s.
    long due = WaitAlertJudge.tick(START + 30_001);
    assertThat(due).isBetween(START + 30_001, START + 30_100);
    if (due > START + 30_001) {
      harness.setProcessingTime(due - 1);
      assertThat(current()).isEmpty();
    }
    harness.setProcessingTime(due);
    assertThat(current()).as("no watermark at all yet").containsExactly("30s WAITING agent-1");
    assertThat(alerts().get(0).emittedMs).isEqualTo(due);
    harness.setProcessingTime(START + 45_000);
    send(agentReplies(secs(44), "agent-1"));
    assertThat(current()).containsExactly("30s ANSWERED agent-1 44000");
  }

  @Test
  void aShopWithItsOwnThresholdsIsAlertedAtThose() throws Exception {
    harness.close();
    open(Map.of("metrics.wait-alerts-by", "TAOBAO=45 s/2 min;other-shop=10 s"));
    send(buyerSaysTo(secs(0), "agent-1", "在吗"));
    watermark(secs(31));
    assertThat(current()).as("taobao's line is 45 s, not the default 30 s").isEmpty();
    watermark(secs(46));
    assertThat(current()).containsExactly("45s WAITING agent-1");
    watermark(secs(121));
    assertThat(current()).containsExactly("45s WAITING agent-1", "120s WAITING agent-1");
  }

  @Test
  void aSettledConversationLeavesItsAlertsAsSentAndNoState() throws Exception {
    send(buyerSaysTo(secs(0), "agent-1", "在吗"));
    watermark(Duration.ofHours(5));
    assertThat(current())
        .containsExactly(
            "30s UNANSWERED agent-1", "100s UNANSWERED agent-1", "180s UNANSWERED agent-1");
    assertThat(harness.numKeyedStateEntries()).as("messages, facts and alerts forgotten").isZero();
  }

  private String firstBuyerEventId;

  private void send(ChatMessage... messages) throws Exception {
    for (ChatMessage m : messages) {
      if (firstBuyerEventId == null) {
        firstBuyerEventId = m.getEventId();
      }
      harness.processElement(m, m.getTs().toEpochMilli());
    }
  }

  private void watermark(Duration at) throws Exception {
    harness.processWatermark(BEGINNING.plus(at).toEpochMilli());
  }

  private List<WaitAlert> alerts() {
    var alerts = harness.getSideOutput(WaitAlertJudge.ALERTS);
    return alerts == null ? List.of() : alerts.stream().map(StreamRecord::getValue).toList();
  }

  /** Latest version per alert id, as wait_alerts FINAL shows it; fails on a version not above. */
  private Map<String, WaitAlert> latest() {
    Map<String, WaitAlert> latest = new TreeMap<>();
    for (WaitAlert a : alerts()) {
      WaitAlert seen = latest.get(a.alertId());
      if (seen != null && a.version <= seen.version) {
        throw new AssertionError(a + " is not above " + seen);
      }
      latest.put(a.alertId(), a);
    }
    return latest;
  }

  /** Current alerts, not deleted, as "threshold status agent [waited]" in threshold order. */
  private List<String> current() {
    return latest().values().stream()
        .filter(a -> !a.retracted)
        .sorted(java.util.Comparator.comparingLong(a -> a.thresholdMs))
        .map(
            a ->
                a.thresholdMs / 1000
                    + "s "
                    + a.status
                    + " "
                    + a.agentId
                    + (a.waitedMs >= 0 ? " " + a.waitedMs : ""))
        .toList();
  }
}
