// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.ClosedRows;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.TurnFact;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MinuteAggregateFunctionTest {

  private static final long MINUTE = 1_800_000_000_000L / 60_000 * 60_000;
  private static final MetricsSettings SETTINGS = MetricsSettings.defaults();

  private static KeyedOneInputStreamOperatorTestHarness<String, MinuteContribution, MinuteRow>
      harness() throws Exception {
    return harness(null);
  }

  /** Restored from {@code snapshot} (null: empty), as after a failover. */
  private static KeyedOneInputStreamOperatorTestHarness<String, MinuteContribution, MinuteRow>
      harness(OperatorSubtaskState snapshot) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new MinuteAggregateFunction("service-metrics", SETTINGS)),
            MinuteContribution::rowKey,
            Types.STRING);
    if (snapshot != null) {
      h.initializeState(snapshot);
    }
    h.open();
    return h;
  }

  /** Replaces the turn's response time and lets the watermark write the row. */
  private static void correct(
      KeyedOneInputStreamOperatorTestHarness<String, MinuteContribution, MinuteRow> h,
      long fromMs,
      long toMs,
      long watermark)
      throws Exception {
    TurnFact retracted = turn("a", fromMs);
    retracted.retracted = true;
    h.processElement(MinuteContribution.ofTurn(retracted), MINUTE);
    h.processElement(MinuteContribution.ofTurn(turn("a", toMs)), MINUTE);
    h.processWatermark(watermark);
  }

  private static TurnFact turn(String agent, long responseMs) {
    TurnFact t = new TurnFact();
    t.turnId = "t1";
    t.shopId = "shop-1";
    t.teamId = "team-a";
    t.agentId = agent;
    t.startMs = MINUTE + 5_000;
    t.answered = true;
    t.responseMs = responseMs;
    t.finalAtMs = SETTINGS.turnFinalAt(t.startMs, t.startMs + responseMs);
    return t;
  }

  @Test
  void contributionsOfOneWatermarkStepMakeOneRow() throws Exception {
    try (var h = harness()) {
      h.processElement(MinuteContribution.ofTurn(turn("a", 10_000)), MINUTE);
      h.processElement(
          MinuteContribution.ofAgentMessage("m1", "shop-1", "team-a", "a", MINUTE + 15_000),
          MINUTE);
      assertThat(h.extractOutputValues()).isEmpty();

      h.processWatermark(MINUTE + 20_000);
      List<MinuteRow> rows = h.extractOutputValues();
      assertThat(rows)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.sums.turns).isEqualTo(1);
                assertThat(r.sums.agentMessages).isEqualTo(1);
                assertThat(r.minuteMs).isEqualTo(MINUTE);
              });
    }
  }

  @Test
  void aLateCorrectionUpsertsTheRowWithAHigherVersion() throws Exception {
    try (var h = harness()) {
      TurnFact before = turn("a", 150_000);
      h.processElement(MinuteContribution.ofTurn(before), MINUTE);
      h.processWatermark(MINUTE + 200_000);
      TurnFact retracted = before.copy();
      retracted.retracted = true;
      h.processElement(MinuteContribution.ofTurn(retracted), MINUTE);
      h.processElement(MinuteContribution.ofTurn(turn("a", 40_000)), MINUTE);
      h.processWatermark(MINUTE + 210_000);

      List<MinuteRow> rows = h.extractOutputValues();
      assertThat(rows).hasSize(2);
      assertThat(rows.get(1).version).isGreaterThan(rows.get(0).version);
      assertThat(rows.get(1).sums.responseMsSum).isEqualTo(40_000);
      assertThat(rows.get(1).sums.responseMsMax).isEqualTo(40_000);
      assertThat(rows.get(1).sums.turns).isEqualTo(1);
    }
  }

  @Test
  void versionsOfARowStrictlyIncreaseAcrossCorrectionsAndStayAboveThemAfterARestore()
      throws Exception {
    OperatorSubtaskState checkpoint;
    List<MinuteRow> lost;
    long highest;
    try (var h = harness()) {
      h.processElement(MinuteContribution.ofTurn(turn("a", 150_000)), MINUTE);
      h.processWatermark(MINUTE + 200_000);
      correct(h, 150_000, 120_000, MINUTE + 201_000);
      correct(h, 120_000, 100_000, MINUTE + 202_000);
      assertThat(h.extractOutputValues())
          .extracting(r -> r.version)
          .hasSize(3)
          .isSorted()
          .doesNotHaveDuplicates();
      checkpoint = h.snapshot(1, 1);
      int before = h.extractOutputValues().size();
      // Written after the checkpoint, then the task fails: the restored job replays the items.
      correct(h, 100_000, 90_000, MINUTE + 203_000);
      lost = h.extractOutputValues().subList(before, h.extractOutputValues().size());
      highest = lost.get(lost.size() - 1).version;
      assertThat(lost).singleElement().extracting(r -> r.version).isEqualTo(4L);
    }
    try (var h = harness(checkpoint)) {
      correct(h, 100_000, 90_000, MINUTE + 203_000);
      MinuteRow replayed = h.extractOutputValues().get(0);
      assertThat(replayed.version).isGreaterThanOrEqualTo(lost.get(0).version);
      assertThat(replayed.sums.responseMsSum).isEqualTo(lost.get(0).sums.responseMsSum);

      correct(h, 90_000, 80_000, MINUTE + 204_000);
      MinuteRow later = h.extractOutputValues().get(1);
      assertThat(later.version).isGreaterThan(highest);
      assertThat(later.sums.responseMsSum).isEqualTo(80_000);
    }
  }

  @Test
  void aRowsStateIsDroppedOnceNothingCanChangeIt() throws Exception {
    try (var h = harness()) {
      h.processElement(MinuteContribution.ofTurn(turn("a", 10_000)), MINUTE);
      h.processWatermark(MINUTE + 20_000);
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);

      long horizon = MINUTE + 60_000 + SETTINGS.replyTimeoutMs() + SETTINGS.allowedLatenessMs();
      h.processWatermark(horizon);
      // Kept a little longer in wall-clock time, for an input whose watermark was behind.
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      h.setProcessingTime(ClosedRows.MIN_GRACE_MS);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
      assertThat(h.extractOutputValues()).hasSize(1);
    }
  }

  @Test
  void atTheEndOfInputALateFinalVersionIsStillWritten() throws Exception {
    // One input of the aggregator can deliver the end-of-input watermark before another has sent
    // the final versions of its open items (that input was idle): those must still be written.
    try (var h = harness()) {
      TurnFact open = turn("a", 10_000);
      open.finalAtMs = Long.MAX_VALUE;
      h.processElement(MinuteContribution.ofTurn(open), MINUTE);
      h.processElement(
          MinuteContribution.ofAgentMessage("m1", "shop-1", "team-a", "a", MINUTE + 15_000),
          MINUTE);
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.extractOutputValues()).hasSize(1);

      TurnFact retracted = open.copy();
      retracted.retracted = true;
      h.processElement(MinuteContribution.ofTurn(retracted), MINUTE);
      h.processElement(MinuteContribution.ofTurn(turn("a", 30_000)), MINUTE);

      List<MinuteRow> rows = h.extractOutputValues();
      MinuteRow last = rows.get(rows.size() - 1);
      assertThat(last.sums.turns).isEqualTo(1);
      assertThat(last.sums.agentMessages).isEqualTo(1);
      assertThat(last.sums.responseMsSum).isEqualTo(30_000);
      assertThat(last.version).isGreaterThan(rows.get(0).version);
    }
  }

  @Test
  void aLateItemForARowAlreadyDroppedIsADeadLetterNeverAPartialRow() throws Exception {
    try (var h = harness()) {
      TurnFact t = turn("a", 10_000);
      h.processElement(MinuteContribution.ofTurn(t), MINUTE);
      long horizon = MINUTE + 60_000 + SETTINGS.replyTimeoutMs() + SETTINGS.allowedLatenessMs();
      h.processWatermark(horizon);
      h.setProcessingTime(ClosedRows.MIN_GRACE_MS);
      assertThat(h.numKeyedStateEntries()).isZero();

      TurnFact retracted = t.copy();
      retracted.retracted = true;
      h.processElement(MinuteContribution.ofTurn(retracted), MINUTE);
      h.processElement(
          MinuteContribution.ofAgentMessage("m1", "shop-1", "team-a", "a", MINUTE + 15_000),
          MINUTE);

      assertThat(h.getSideOutput(DeadLetters.TAG))
          .hasSize(2)
          .allSatisfy(
              r -> {
                assertThat(r.getValue().stage).isEqualTo("late");
                assertThat(r.getValue().reason).contains("already final");
              });
      assertThat(h.extractOutputValues()).hasSize(1);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }
}
