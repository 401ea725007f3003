// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.metrics.turn.TurnFact;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MinuteAggregatorTest {

  private static final long MINUTE = 1_800_000_000_000L / 60_000 * 60_000;

  private static TurnFact turn(String id, String agent, long responseMs, boolean first) {
    TurnFact t = new TurnFact();
    t.turnId = id;
    t.shopId = "shop-1";
    t.teamId = "team-a";
    t.agentId = agent;
    t.startMs = MINUTE + 5_000;
    t.answered = responseMs >= 0;
    t.responseMs = responseMs;
    t.slow = responseMs > 100_000;
    t.withinN = t.answered && responseMs <= 180_000;
    t.firstOfConversation = first;
    t.finalAtMs = t.startMs + 35 * 60_000;
    return t;
  }

  private static MinuteContribution retraction(TurnFact t) {
    TurnFact r = t.copy();
    r.retracted = true;
    return MinuteContribution.ofTurn(r);
  }

  @Test
  void aTurnAddsItsSumsCountsAndBuckets() {
    MinuteAggregator row =
        MinuteAggregator.forRow(MinuteContribution.ofTurn(turn("t1", "a", 0, true)));
    row.apply(MinuteContribution.ofTurn(turn("t1", "a", 25_000, true)), Long.MIN_VALUE);
    row.apply(MinuteContribution.ofTurn(turn("t2", "a", 120_000, false)), Long.MIN_VALUE);
    row.apply(MinuteContribution.ofTurn(turn("t3", "a", -1, false)), Long.MIN_VALUE);

    MinuteSums s = row.current();
    assertThat(s.turns).isEqualTo(3);
    assertThat(s.answered).isEqualTo(2);
    assertThat(s.unanswered).isEqualTo(1);
    assertThat(s.slow).isEqualTo(1);
    assertThat(s.responseMsSum).isEqualTo(145_000);
    assertThat(s.responseMsCount).isEqualTo(2);
    assertThat(s.responseMsMax).isEqualTo(120_000);
    assertThat(s.answeredWithin30s).isEqualTo(1);
    assertThat(s.answeredWithin60s).isEqualTo(1);
    assertThat(s.answeredWithin180s).isEqualTo(2);
    assertThat(s.firstResponseMsSum).isEqualTo(25_000);
    assertThat(s.firstResponseCount).isEqualTo(1);
  }

  @Test
  void aCorrectionReplacesAndARetractionRemovesExactlyWhatWasAdded() {
    TurnFact slow = turn("t1", "a", 150_000, true);
    MinuteAggregator row = MinuteAggregator.forRow(MinuteContribution.ofTurn(slow));
    row.apply(MinuteContribution.ofTurn(slow), Long.MIN_VALUE);
    row.apply(retraction(slow), Long.MIN_VALUE);
    row.apply(MinuteContribution.ofTurn(turn("t1", "a", 20_000, true)), Long.MIN_VALUE);

    MinuteSums s = row.current();
    assertThat(s.turns).isEqualTo(1);
    assertThat(s.responseMsMax).as("max forgets the retracted response").isEqualTo(20_000);
    assertThat(s.slow).isZero();
  }

  @Test
  void theRowIsTheSameForEveryArrivalOrder() {
    List<MinuteContribution> items = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      items.add(MinuteContribution.ofTurn(turn("t" + i, "a", i * 13_000L - 1, i % 4 == 0)));
      items.add(
          MinuteContribution.ofAgentMessage("m" + i, "shop-1", "team-a", "a", MINUTE + i * 1000));
    }
    MinuteSums expected = fold(items);
    Random random = new Random(7);
    for (int run = 0; run < 20; run++) {
      List<MinuteContribution> shuffled = new ArrayList<>(items);
      Collections.shuffle(shuffled, random);
      assertThat(fold(shuffled)).usingRecursiveComparison().isEqualTo(expected);
    }
  }

  @Test
  void settledItemsAreFoldedAndForgotten() {
    TurnFact t = turn("t1", "a", 10_000, true);
    MinuteAggregator row = MinuteAggregator.forRow(MinuteContribution.ofTurn(t));
    row.apply(MinuteContribution.ofTurn(t), Long.MIN_VALUE);
    row.apply(MinuteContribution.ofAgentMessage("m1", "shop-1", "team-a", "a", MINUTE), 0);
    assertThat(row.pending).containsOnlyKeys("t:t1");
    assertThat(row.nextFinalAt()).isEqualTo(t.finalAtMs);

    row.settle(t.finalAtMs);
    assertThat(row.pending).isEmpty();
    assertThat(row.current().turns).isEqualTo(1);
    assertThat(row.current().agentMessages).isEqualTo(1);
  }

  @Test
  void everyEmittedRowHasAHigherVersionCountedInTheRow() {
    MinuteAggregator row =
        MinuteAggregator.forRow(MinuteContribution.ofTurn(turn("t1", "a", 1, true)));
    long first = row.emit(0).version;
    assertThat(first).isPositive();
    assertThat(row.emit(0).version).isEqualTo(first + 1);
    // A row restored from state written with wall-clock versions continues above them.
    row.version = 1_800_000_000_000L;
    assertThat(row.emit(0).version).isEqualTo(1_800_000_000_001L);
  }

  @Test
  void aRetractionOfAnItemAlreadySettledTakesItsSumsBack() {
    TurnFact t = turn("t1", "a", 20_000, true);
    MinuteAggregator row = MinuteAggregator.forRow(MinuteContribution.ofTurn(t));
    row.apply(MinuteContribution.ofTurn(turn("t2", "a", 40_000, false)), Long.MIN_VALUE);
    row.apply(MinuteContribution.ofTurn(t), t.finalAtMs);
    assertThat(row.pending).hasSize(1);

    assertThat(row.apply(retraction(t), t.finalAtMs))
        .isEqualTo(MinuteAggregator.Applied.SETTLED_CORRECTED);

    MinuteSums s = row.current();
    assertThat(s.turns).isEqualTo(1);
    assertThat(s.responseMsSum).isEqualTo(40_000);
    assertThat(s.firstResponseCount).isZero();
  }

  @Test
  void aRetractionOfSomethingTheRowNeverHeldChangesNothing() {
    TurnFact t = turn("t1", "a", 1, true);
    MinuteAggregator row = MinuteAggregator.forRow(MinuteContribution.ofTurn(t));
    assertThat(row.apply(retraction(t), 0)).isEqualTo(MinuteAggregator.Applied.UNKNOWN_RETRACTION);
    assertThat(row.current().turns).isZero();
    assertThat(row.dirty).isFalse();
  }

  @Test
  void anUndecidedItemWaitsForItsFinalVersionEvenAtTheEndOfInput() {
    TurnFact open = turn("t1", "a", 10_000, true);
    open.finalAtMs = Long.MAX_VALUE;
    MinuteAggregator row = MinuteAggregator.forRow(MinuteContribution.ofTurn(open));
    row.apply(MinuteContribution.ofTurn(open), 0);

    row.settle(Long.MAX_VALUE);

    assertThat(row.pending).hasSize(1);
    assertThat(row.apply(retraction(open), Long.MAX_VALUE))
        .isEqualTo(MinuteAggregator.Applied.PENDING);
    assertThat(row.current().turns).isZero();
  }

  @Test
  void theKeptSumsAndNextFinalTimeEqualARecountAfterEveryStep() {
    Random random = new Random(11);
    MinuteAggregator row =
        MinuteAggregator.forRow(MinuteContribution.ofTurn(turn("t0", "a", 1, true)));
    Map<String, MinuteContribution> live = new HashMap<>();
    long watermark = MINUTE;
    for (int step = 0; step < 5_000; step++) {
      String id = "t" + random.nextInt(40);
      MinuteContribution current = live.get(id);
      if (current != null && random.nextInt(3) == 0) {
        TurnFact retracted = turn(id, "a", current.values.responseMsMax, false);
        retracted.finalAtMs = current.finalAtMs;
        row.apply(retraction(retracted), watermark);
        live.remove(id);
      } else {
        TurnFact t = turn(id, "a", random.nextInt(300_000) - 1, random.nextBoolean());
        t.finalAtMs = watermark + 1 + random.nextInt(600_000);
        MinuteContribution c = MinuteContribution.ofTurn(t);
        row.apply(c, watermark);
        live.put(id, c);
      }
      if (random.nextInt(10) == 0) {
        watermark += random.nextInt(120_000);
        row.settle(watermark);
        final long w = watermark;
        live.values().removeIf(c -> c.finalAtMs <= w);
      }
      MinuteAggregator recount = new MinuteAggregator();
      recount.settled = row.settled;
      recount.pending = row.pending;
      assertThat(row.current())
          .as("step %d", step)
          .usingRecursiveComparison()
          .isEqualTo(recount.current());
      assertThat(row.nextFinalAt()).as("step %d", step).isEqualTo(recount.nextFinalAt());
      assertThat(row.pending.keySet())
          .isEqualTo(live.values().stream().map(c -> c.id).collect(Collectors.toSet()));
    }
  }

  private static MinuteSums fold(List<MinuteContribution> items) {
    MinuteAggregator row = MinuteAggregator.forRow(items.get(0));
    items.forEach(c -> row.apply(c, Long.MIN_VALUE));
    return row.current();
  }
}
