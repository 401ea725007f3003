// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static io.servicepulse.common.testing.EventFixtures.BUYER;
import static io.servicepulse.common.testing.EventFixtures.SHOP;
import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.order;
import static io.servicepulse.events.OrderStatus.CREATED;
import static io.servicepulse.events.OrderStatus.PAID;
import static io.servicepulse.events.OrderStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The bookkeeping alone, without Flink: results depend on the events, not on their order. */
class BuyerLedgerTest {

  private final AttributionSettings settings = AttributionSettings.defaults();

  @Test
  void everyArrivalOrderConvergesToTheSameRowsAndFacts() {
    List<Object> events =
        List.of(
            agentReplies(mins(1), "agent-a"),
            agentReplies(mins(5), "agent-b"),
            order(mins(30), "o-1", CREATED, "50.00"),
            order(mins(40), "o-1", PAID, "50.00"),
            agentReplies(mins(90), "agent-c"),
            order(Duration.ofDays(1).plus(mins(1)), "o-2", CREATED, "20.00"),
            order(Duration.ofDays(1).plus(mins(2)), "o-2", PAID, "20.00"),
            order(Duration.ofDays(1).plus(mins(300)), "o-2", REFUNDED, "20.00"),
            agentReplies(Duration.ofDays(3), "agent-a"));
    Map<String, ConversionCounts> inOrder = rows(events);
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      List<Object> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, random);
      assertThat(rows(shuffled)).as("permutation %d", i).isEqualTo(inOrder);
    }
    assertThat(inOrder).isNotEmpty();
  }

  @Test
  void advancingPastTheWindowsRetractsNothingAndEmptiesTheState() {
    BuyerState state = BuyerLedger.newState(SHOP, BUYER);
    BuyerLedger ledger = new BuyerLedger(settings, state);
    ledger.addAnswer(agentReplies(mins(1), "agent-a"));
    ledger.addOrderEvent(order(mins(30), "o-1", CREATED, "50.00"));
    ledger.recompute();

    long horizon = ledger.nextAdvance();
    while (!ledger.isEmpty()) {
      ledger.advance(horizon + 1);
      assertThat(ledger.recompute().deltas).isEmpty();
      horizon = ledger.nextAdvance();
    }
    assertThat(horizon).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theEndOfInputWatermarkFinishesEverythingInOneAdvance() {
    // A bounded source ends with watermark Long.MAX_VALUE; the job must then drain, not loop.
    BuyerLedger ledger = new BuyerLedger(settings, BuyerLedger.newState(SHOP, BUYER));
    ledger.addAnswer(agentReplies(mins(1), "agent-a"));
    ledger.addOrderEvent(order(mins(30), "o-1", CREATED, "50.00"));
    ledger.addOrderEvent(order(mins(40), "o-1", PAID, "50.00"));
    ledger.recompute();

    ledger.advance(Long.MAX_VALUE - settings.allowedLatenessMs);

    assertThat(ledger.recompute().deltas).isEmpty();
    assertThat(ledger.isEmpty()).isTrue();
    assertThat(ledger.nextAdvance()).isEqualTo(Long.MAX_VALUE);
  }

  private Map<String, ConversionCounts> rows(List<Object> events) {
    BuyerLedger ledger = new BuyerLedger(settings, BuyerLedger.newState(SHOP, BUYER));
    Map<String, ConversionCounts> rows = new TreeMap<>();
    for (Object e : events) {
      if (e instanceof ChatMessage m) {
        ledger.addAnswer(m);
      } else {
        ledger.addOrderEvent((OrderEvent) e);
      }
      for (ConversionDelta d : ledger.recompute().deltas) {
        rows.computeIfAbsent(d.rowKey(), k -> new ConversionCounts()).add(d.counts, 1);
      }
    }
    rows.values().removeIf(ConversionCounts::isZero);
    return rows;
  }
}
