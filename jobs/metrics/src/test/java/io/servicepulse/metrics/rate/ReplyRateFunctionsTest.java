// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

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

/** The buyer-day and daily-row functions in Flink harnesses: watermarks, closing, stragglers. */
class ReplyRateFunctionsTest {

  private static final MetricsSettings SETTINGS = MetricsSettings.defaults();
  private static final int DAY = 20_000;

  private static TurnFact turn(String id, String buyer) {
    TurnFact t = new TurnFact();
    t.turnId = id;
    t.shopId = "shop-1";
    t.buyerId = buyer;
    t.agentId = "a";
    t.teamId = "team-a";
    t.answered = true;
    t.responseMs = 20_000;
    t.withinN = true;
    t.businessHours = true;
    t.day = DAY;
    return t;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TurnFact, ReplyRateDelta>
      buyerDays() throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new BuyerDayFunction("service-metrics", SETTINGS)),
            BuyerDayFunction::key,
            Types.STRING);
    h.open();
    return h;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ReplyRateDelta, DailyReplyRate>
      dailyRows() throws Exception {
    return dailyRows(null);
  }

  /** Restored from {@code snapshot} (null: empty), as after a failover. */
  private static KeyedOneInputStreamOperatorTestHarness<String, ReplyRateDelta, DailyReplyRate>
      dailyRows(OperatorSubtaskState snapshot) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DailyReplyRateFunction("service-metrics", SETTINGS)),
            ReplyRateDelta::rowKey,
            Types.STRING);
    if (snapshot != null) {
      h.initializeState(snapshot);
    }
    h.open();
    return h;
  }

  /** One buyer's change of the shop row, written at the next watermark. */
  private static void change(
      KeyedOneInputStreamOperatorTestHarness<String, ReplyRateDelta, DailyReplyRate> h,
      int reached,
      int missed,
      long watermark)
      throws Exception {
    h.processElement(
        new ReplyRateDelta(ReplyRateDelta.SCOPE_SHOP, "shop-1", "", DAY, reached, missed), 0);
    h.processWatermark(watermark);
  }

  @Test
  void dailyVersionsStrictlyIncreaseAndStayAboveEverythingWrittenBeforeARestore() throws Exception {
    OperatorSubtaskState checkpoint;
    DailyReplyRate lost;
    try (var h = dailyRows()) {
      change(h, 1, 0, 1);
      change(h, 1, 1, 2);
      change(h, 0, -1, 3);
      assertThat(h.extractOutputValues())
          .extracting(r -> r.version)
          .hasSize(3)
          .isSorted()
          .doesNotHaveDuplicates();
      checkpoint = h.snapshot(1, 1);
      // Written after the checkpoint, then the task fails: the restored job replays the delta.
      change(h, 1, 0, 4);
      lost = h.extractOutputValues().get(3);
    }
    try (var h = dailyRows(checkpoint)) {
      change(h, 1, 0, 4);
      DailyReplyRate replayed = h.extractOutputValues().get(0);
      assertThat(replayed.version).isGreaterThanOrEqualTo(lost.version);
      assertThat(replayed.reachedBuyers).isEqualTo(lost.reachedBuyers).isEqualTo(3);

      change(h, 0, 1, 5);
      DailyReplyRate later = h.extractOutputValues().get(1);
      assertThat(later.version).isGreaterThan(lost.version);
      assertThat(later.missedBuyers).isEqualTo(1);
    }
  }

  @Test
  void aBuyerDayIsDroppedAGraceAfterItsDayClosesAndALateTurnIsThenADeadLetter() throws Exception {
    try (var h = buyerDays()) {
      h.processElement(turn("t1", "b1"), 0);
      assertThat(h.extractOutputValues()).isNotEmpty();

      h.processWatermark(BuyerDayFunction.horizon(SETTINGS, "shop-1", DAY));
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      h.setProcessingTime(ClosedRows.MIN_GRACE_MS);
      assertThat(h.numKeyedStateEntries()).isZero();

      int before = h.extractOutputValues().size();
      h.processElement(turn("t2", "b1"), 0);
      assertThat(h.extractOutputValues()).hasSize(before);
      assertThat(h.getSideOutput(DeadLetters.TAG)).hasSize(1);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void atTheEndOfInputADailyRowIsWrittenAtOnceAndKeptForStragglers() throws Exception {
    List<ReplyRateDelta> deltas;
    try (var h = buyerDays()) {
      h.processElement(turn("t1", "b1"), 0);
      h.processElement(turn("t2", "b2"), 0);
      deltas = h.extractOutputValues();
    }
    try (var h = dailyRows()) {
      h.processElement(deltas.get(0), 0);
      h.processWatermark(Long.MAX_VALUE);
      // A delta from an input that was idle when the end-of-input watermark went past.
      for (ReplyRateDelta d : deltas.subList(1, deltas.size())) {
        h.processElement(d, 0);
      }

      List<DailyReplyRate> rows = h.extractOutputValues();
      DailyReplyRate shopRow =
          rows.stream().filter(r -> r.scope.equals("shop")).reduce((a, b) -> b).orElseThrow();
      assertThat(shopRow.reachedBuyers).isEqualTo(2);
      assertThat(h.getSideOutput(DeadLetters.TAG)).isNullOrEmpty();
    }
  }
}
