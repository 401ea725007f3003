// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.servicepulse.metrics.turn.TurnFact;
import org.junit.jupiter.api.Test;

class BuyerDayTest {

  private static TurnFact turn(String id, String agent, boolean answered, long responseMs) {
    TurnFact t = new TurnFact();
    t.turnId = id;
    t.shopId = "shop-1";
    t.agentId = agent;
    t.answered = answered;
    t.responseMs = responseMs;
    t.withinN = answered && responseMs <= 180_000;
    t.businessHours = true;
    return t;
  }

  @Test
  void aBuyerAnsweredInTimeIsReachedAndNotMissed() {
    BuyerDay day = new BuyerDay("shop-1", 20_000);
    day.apply(turn("t1", "a", true, 30_000));
    assertThat(day.changes())
        .extracting(d -> d.scope, d -> d.agentId, d -> d.reachedDelta, d -> d.missedDelta)
        .containsExactlyInAnyOrder(tuple("shop", "", 1, 0), tuple("agent", "a", 1, 0));
  }

  @Test
  void anUnansweredTurnMissesTheBuyerForTheShopAndForTheAgentItIsCreditedTo() {
    BuyerDay day = new BuyerDay("shop-1", 20_000);
    day.apply(turn("t1", "a", true, 30_000));
    day.apply(turn("t2", "b", true, 20_000));
    day.apply(turn("t3", "b", false, -1));
    assertThat(day.changes())
        .extracting(d -> d.scope, d -> d.agentId, d -> d.reachedDelta, d -> d.missedDelta)
        .containsExactlyInAnyOrder(
            tuple("shop", "", 1, 1), tuple("agent", "a", 1, 0), tuple("agent", "b", 1, 1));
  }

  @Test
  void aBuyerNobodyAnsweredIsNotCounted() {
    BuyerDay day = new BuyerDay("shop-1", 20_000);
    day.apply(turn("t1", "", false, -1));
    assertThat(day.changes()).isEmpty();
  }

  @Test
  void aCorrectionMovesTheFlagsAndARetractionTakesThemBack() {
    BuyerDay day = new BuyerDay("shop-1", 20_000);
    TurnFact slow = turn("t1", "a", true, 200_000);
    day.apply(slow);
    day.changes();
    day.apply(turn("t1", "a", true, 100_000));
    assertThat(day.changes())
        .extracting(d -> d.scope, d -> d.reachedDelta, d -> d.missedDelta)
        .containsExactlyInAnyOrder(tuple("shop", 0, -1), tuple("agent", 0, -1));
    TurnFact retraction = slow.copy();
    retraction.retracted = true;
    day.apply(retraction);
    assertThat(day.changes())
        .extracting(d -> d.scope, d -> d.reachedDelta, d -> d.missedDelta)
        .containsExactlyInAnyOrder(tuple("shop", -1, 0), tuple("agent", -1, 0));
  }
}
