// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.events.OrderStatus;
import io.servicepulse.generator.GroundTruth.AttributionCounts;
import io.servicepulse.generator.GroundTruth.ServiceCounts;
import io.servicepulse.generator.GroundTruth.ShopAttribution;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Small hand-built scenarios whose truth is worked out by hand. */
class TruthBuilderTest {

  private static final long SEC = 1_000;
  private static final long MIN = 60 * SEC;
  private static final long HOUR = 60 * MIN;

  /** Monday 2025-06-02 10:00 Asia/Shanghai, inside business hours. */
  private static final long T =
      OffsetDateTime.parse("2025-06-02T10:00:00+08:00").toInstant().toEpochMilli();

  private static final int A1 = 0;
  private static final int A2 = 1;
  private static final int CIVIL_BUYER =
      Texts.pick(new Random(1), Texts.Lang.ZH, Texts.Kind.BUYER_OPEN);
  private static final int CIVIL_AGENT = Texts.pick(new Random(1), Texts.Lang.ZH, Texts.Kind.AGENT);
  private static final int TRANSFER =
      Texts.pick(new Random(1), Texts.Lang.ZH, Texts.Kind.SYSTEM_TRANSFER);
  private static final int BOT = Texts.pick(new Random(1), Texts.Lang.ZH, Texts.Kind.BOT);

  private final ShopModel shop = new ShopModel(0, "taobao", 1, 2, new Random(1));
  private final TruthBuilder builder =
      new TruthBuilder(GeneratorConfig.defaults(), MetricRules.DEFAULTS, List.of(shop));

  private BuyerTimeline buyer(String id) {
    return new BuyerTimeline(new BuyerKey(shop, id, false), MetricRules.DEFAULTS);
  }

  @Test
  void oneBuyerTwoTurnsOneSlow() {
    BuyerTimeline b = buyer("b1");
    b.startConversation(T);
    b.buyer(T, A1, CIVIL_BUYER);
    b.bot(T + SEC, A1, BOT);
    b.agent(T + 20 * SEC, A1, CIVIL_AGENT);
    b.buyer(T + 60 * SEC, A1, CIVIL_BUYER);
    b.buyer(T + 70 * SEC, A1, CIVIL_BUYER);
    b.agent(T + 210 * SEC, A1, CIVIL_AGENT);
    b.endConversation();
    builder.add(b);
    GroundTruth truth = builder.build();

    ServiceCounts a1 = truth.service().get("shop-01").agents().get("shop-01-a01");
    assertThat(a1.turns()).isEqualTo(2);
    assertThat(a1.answered()).isEqualTo(2);
    assertThat(a1.unanswered()).isZero();
    assertThat(a1.slow()).isEqualTo(1);
    assertThat(a1.responseMsSum()).isEqualTo(20_000 + 150_000);
    assertThat(a1.responseMsMax()).isEqualTo(150_000);
    assertThat(a1.answeredWithin30s()).isEqualTo(1);
    assertThat(a1.answeredWithin60s()).isEqualTo(1);
    assertThat(a1.answeredWithin180s()).isEqualTo(2);
    assertThat(a1.firstResponseMsSum()).isEqualTo(20_000);
    assertThat(a1.firstResponseCount()).isEqualTo(1);
    assertThat(a1.conversations()).isEqualTo(1);
    assertThat(a1.conversationsWithHumanAnswer()).isEqualTo(1);
    assertThat(a1.agentMessages()).isEqualTo(2);
    GroundTruth.NMinute day = truth.service().get("shop-01").nMinuteByDay().get("2025-06-02");
    assertThat(day.reachedBuyers()).isEqualTo(1);
    assertThat(day.missedBuyers()).isZero();
    AttributionCounts inquiries = truth.attribution().get("shop-01").agents().get("shop-01-a01");
    assertThat(inquiries.inquiries()).isEqualTo(1);
    assertThat(inquiries.inquiriesOrdered()).isZero();
  }

  @Test
  void handOffMidTurnCreditsTheAnswererAndUnansweredGoesToTheLatestRoutedAgent() {
    BuyerTimeline b = buyer("b1");
    b.startConversation(T);
    b.buyer(T, A1, CIVIL_BUYER);
    b.system(T + 10 * SEC, TRANSFER);
    b.buyer(T + 20 * SEC, A2, CIVIL_BUYER);
    b.agent(T + 200 * SEC, A2, CIVIL_AGENT);
    b.buyer(T + 300 * SEC, A2, CIVIL_BUYER);
    b.endConversation();
    b.startConversation(T + 2 * HOUR);
    b.buyer(T + 2 * HOUR, -1, CIVIL_BUYER);
    b.endConversation();
    builder.add(b);
    GroundTruth.ShopService s = builder.build().service().get("shop-01");

    assertThat(s.agents()).doesNotContainKey("shop-01-a01");
    ServiceCounts a2 = s.agents().get("shop-01-a02");
    assertThat(a2.turns()).isEqualTo(2);
    assertThat(a2.answered()).isEqualTo(1);
    assertThat(a2.unanswered()).isEqualTo(1);
    assertThat(a2.slow()).isEqualTo(1);
    assertThat(a2.conversations()).isEqualTo(1);
    ServiceCounts shopLevel = s.agents().get("");
    assertThat(shopLevel.turns()).isEqualTo(1);
    assertThat(shopLevel.unanswered()).isEqualTo(1);
    assertThat(shopLevel.conversations()).isEqualTo(1);
    assertThat(shopLevel.conversationsWithHumanAnswer()).isZero();
    assertThat(s.total().conversations()).isEqualTo(2);
    assertThat(s.total().conversationsWithHumanAnswer()).isEqualTo(1);
    // Reached a human, but one turn took 200 s > 3 min and one was never answered.
    assertThat(s.nMinuteByDay().get("2025-06-02").missedBuyers()).isEqualTo(1);
    assertThat(s.agentNMinuteByDay().get("shop-01-a02").get("2025-06-02").missedBuyers())
        .isEqualTo(1);
  }

  @Test
  void refundedOrderIsOwnedButSellsNothingAndSilentOrderSellsForTheShop() {
    BuyerTimeline b = buyer("b1");
    b.startConversation(T);
    b.buyer(T, A1, CIVIL_BUYER);
    b.agent(T + 25 * SEC, A1, CIVIL_AGENT);
    b.endConversation();
    b.order(
        new OrderPlan(1, 19_900, -1)
            .at(OrderStatus.CREATED, T + 3 * HOUR)
            .at(OrderStatus.PAID, T + 3 * HOUR + 10 * MIN)
            .at(OrderStatus.REFUND_REQUESTED, T + 24 * HOUR)
            .at(OrderStatus.REFUNDED, T + 26 * HOUR));
    builder.add(b);
    BuyerTimeline silent = buyer("b2");
    silent.order(
        new OrderPlan(1, 5_000, -1)
            .at(OrderStatus.CREATED, T + 2 * HOUR)
            .at(OrderStatus.PAID, T + 2 * HOUR + 5 * MIN));
    builder.add(silent);
    ShopAttribution a = builder.build().attribution().get("shop-01");

    AttributionCounts a1 = a.agents().get("shop-01-a01");
    assertThat(a1.ordersOwned()).isEqualTo(1);
    assertThat(a1.ownerSales()).isEqualByComparingTo("0");
    assertThat(a1.refunds()).isEqualTo(1);
    assertThat(a1.refundedSales()).isEqualByComparingTo("199.00");
    assertThat(a1.inquiries()).isEqualTo(1);
    assertThat(a1.inquiriesOrdered()).isEqualTo(1);
    assertThat(a1.inquiriesPaidByNextDay()).isEqualTo(1);
    assertThat(a1.inquiriesPaidWithinValidity()).isEqualTo(1);
    assertThat(a.orders()).isEqualTo(2);
    assertThat(a.paidOrders()).isEqualTo(2);
    assertThat(a.silentOrders()).isEqualTo(1);
    assertThat(a.totalSales()).isEqualTo(new BigDecimal("50.00"));
    assertThat(a.silentSales()).isEqualTo(new BigDecimal("50.00"));
    assertThat(a.creditedSales()).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void lastAgentBeforeTheOrderOwnsItTheOtherAssistsAndLaterAnswersFollowUp() {
    BuyerTimeline b = buyer("b1");
    conversation(b, T, A1);
    conversation(b, T + 4 * HOUR, A2);
    b.order(
        new OrderPlan(1, 12_990, -1)
            .at(OrderStatus.CREATED, T + 6 * HOUR)
            .at(OrderStatus.PAID, T + 40 * HOUR));
    conversation(b, T + 24 * HOUR, A1);
    builder.add(b);
    ShopAttribution a = builder.build().attribution().get("shop-01");

    AttributionCounts a1 = a.agents().get("shop-01-a01");
    AttributionCounts a2 = a.agents().get("shop-01-a02");
    assertThat(a2.ordersOwned()).isEqualTo(1);
    assertThat(a2.ownerSales()).isEqualByComparingTo("129.90");
    assertThat(a1.ordersOwned()).isZero();
    assertThat(a1.assistedOrders()).isEqualTo(1);
    assertThat(a1.assistedFollowUps()).isEqualTo(1);
    assertThat(a2.assistedFollowUps()).isZero();
    // a1 inquired on day 1 but does not own the order; day 2 is after an order: no inquiry.
    assertThat(a1.inquiries()).isEqualTo(1);
    assertThat(a1.inquiriesOrdered()).isZero();
    // Paid 40 h later: after the end of the next day (day 3 starts at T + 38 h) but within 2 days.
    assertThat(a2.inquiries()).isEqualTo(1);
    assertThat(a2.inquiriesOrdered()).isEqualTo(1);
    assertThat(a2.inquiriesPaidByNextDay()).isZero();
    assertThat(a2.inquiriesPaidWithinValidity()).isEqualTo(1);
    assertThat(a.total().inquiries()).isEqualTo(1);
    assertThat(a.total().inquiriesOrdered()).isEqualTo(1);
  }

  @Test
  void followedUpBuyersCountEachBuyerOncePerAgentAndDayOfTheFirstFollowUp() {
    BuyerTimeline b1 = buyer("b1");
    conversation(b1, T, A1);
    b1.order(new OrderPlan(1, 1_000, -1).at(OrderStatus.CREATED, T + HOUR));
    b1.order(new OrderPlan(2, 2_000, -1).at(OrderStatus.CREATED, T + 2 * HOUR));
    conversation(b1, T + 3 * HOUR, A2);
    b1.order(new OrderPlan(3, 3_000, -1).at(OrderStatus.CREATED, T + 25 * HOUR));
    conversation(b1, T + 26 * HOUR, A2);
    builder.add(b1);
    BuyerTimeline b2 = buyer("b2");
    conversation(b2, T + 4 * HOUR, A1);
    b2.order(new OrderPlan(1, 1_000, -1).at(OrderStatus.CREATED, T + 5 * HOUR));
    conversation(b2, T + 6 * HOUR, A2);
    builder.add(b2);
    ShopAttribution a = builder.build().attribution().get("shop-01");

    AttributionCounts a2 = a.agents().get("shop-01-a02");
    // Day 1: b1's orders 1 and 2, b2's order 1; day 2: b1's order 3 (1 and 2 were followed up
    // on day 1 already).
    assertThat(a2.assistedFollowUps()).isEqualTo(4);
    assertThat(a2.followedUpBuyers()).as("b1 and b2 on day 1, b1 on day 2").isEqualTo(3);
    assertThat(a.agents().get("shop-01-a01").followedUpBuyers()).isZero();
    assertThat(a.total().followedUpBuyers()).isEqualTo(3);
  }

  @Test
  void orderAfterTheInquiryValidityIsSilent() {
    BuyerTimeline b = buyer("b1");
    conversation(b, T, A1);
    b.order(new OrderPlan(1, 1_000, -1).at(OrderStatus.CREATED, T + 50 * HOUR));
    builder.add(b);
    ShopAttribution a = builder.build().attribution().get("shop-01");
    assertThat(a.silentOrders()).isEqualTo(1);
    assertThat(a.agents().get("shop-01-a01").ordersOwned()).isZero();
  }

  @Test
  void ambiguousTimingIsRefused() {
    BuyerTimeline b = buyer("b1");
    b.startConversation(T);
    b.buyer(T, A1, CIVIL_BUYER);
    assertThatThrownBy(() -> b.agent(T + 100 * SEC, A1, CIVIL_AGENT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("threshold");
    BuyerTimeline c = buyer("b2");
    c.startConversation(T);
    c.buyer(T, A1, CIVIL_BUYER);
    c.endConversation();
    assertThatThrownBy(() -> c.startConversation(T + 31 * MIN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("session gap");
  }

  private static void conversation(BuyerTimeline b, long start, int agent) {
    b.startConversation(start);
    b.buyer(start, agent, CIVIL_BUYER);
    b.agent(start + 25 * SEC, agent, CIVIL_AGENT);
    b.endConversation();
  }
}
