// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static io.servicepulse.attribution.BuyerHarness.TODAY;
import static io.servicepulse.common.testing.EventFixtures.SHOP;
import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.order;
import static io.servicepulse.events.OrderStatus.COMPLETED;
import static io.servicepulse.events.OrderStatus.CREATED;
import static io.servicepulse.events.OrderStatus.PAID;
import static io.servicepulse.events.OrderStatus.REFUNDED;
import static io.servicepulse.events.OrderStatus.REFUND_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The attribution cases of issue 4, each driven through the real operator with watermarks. */
class AttributionFunctionTest {

  private static final Duration DAY = Duration.ofDays(1);

  private BuyerHarness buyer;

  @BeforeEach
  void open() throws Exception {
    buyer = new BuyerHarness();
  }

  @AfterEach
  void close() throws Exception {
    buyer.close();
  }

  @Test
  void oneAgentOwnsTheOrderAndGetsTheSale() throws Exception {
    buyer
        .chat(buyerSays(mins(0), "这个有货吗"))
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(30), "o-1", CREATED, "100.00"))
        .order(order(mins(35), "o-1", PAID, "100.00"));

    OrderAttributionFact fact = buyer.orderFact("o-1");
    assertThat(fact.ownerAgentId).isEqualTo("agent-a");
    assertThat(fact.assistAgentIds).isEmpty();
    assertThat(fact.silent).isFalse();
    assertThat(fact.rule).isEqualTo("ORDER_CREATED");
    ConversionCounts a = buyer.row("agent-a", TODAY);
    assertThat(a.inquiringBuyers).isEqualTo(1);
    assertThat(a.orderedBuyers).isEqualTo(1);
    assertThat(a.paidNextDayBuyers).isEqualTo(1);
    assertThat(a.paidInValidityBuyers).isEqualTo(1);
    assertThat(a.ownedOrders).isEqualTo(1);
    assertThat(a.ownerPaidOrders).isEqualTo(1);
    assertThat(a.ownerSales).isEqualByComparingTo("100.00");
    assertThat(a.ownerPayingBuyers).isEqualTo(1);
    assertThat(buyer.rows()).hasSize(1);
    InquiryFact inquiry = buyer.inquiries().values().iterator().next();
    assertThat(inquiry.inquiry).isTrue();
    assertThat(inquiry.inquiryAgentIds).containsExactly("agent-a");
    assertThat(inquiry.firstInquiryMs).isEqualTo(agentReplies(mins(1), "x").getTs().toEpochMilli());
  }

  @Test
  void twoAgentsTheLastOwnsAndTheFirstAssists() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .chat(agentReplies(mins(5), "agent-b"))
        .order(order(mins(30), "o-1", CREATED, "50.00"))
        .order(order(mins(32), "o-1", PAID, "50.00"));

    OrderAttributionFact fact = buyer.orderFact("o-1");
    assertThat(fact.ownerAgentId).isEqualTo("agent-b");
    assertThat(fact.assistAgentIds).containsExactly("agent-a");
    ConversionCounts a = buyer.row("agent-a", TODAY);
    ConversionCounts b = buyer.row("agent-b", TODAY);
    assertThat(a.inquiringBuyers).isEqualTo(1);
    assertThat(a.assistedOrders).isEqualTo(1);
    assertThat(a.ownedOrders).isZero();
    assertThat(a.orderedBuyers).as("only the owner's conversion counts the order").isZero();
    assertThat(a.ownerSales).isEqualByComparingTo("0");
    assertThat(b.inquiringBuyers).isEqualTo(1);
    assertThat(b.ownedOrders).isEqualTo(1);
    assertThat(b.orderedBuyers).isEqualTo(1);
    assertThat(b.ownerSales).isEqualByComparingTo("50.00");
    assertThat(b.assistedOrders).isZero();
  }

  @Test
  void agentAnsweringAfterTheOrderGetsAFollowUpUntilTheOrderCompletes() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(30), "o-1", CREATED, "80.00"))
        .order(order(mins(31), "o-1", PAID, "80.00"))
        .chat(agentReplies(mins(90), "agent-c"))
        .chat(agentReplies(mins(100), "agent-c"))
        .order(order(DAY.plus(mins(10)), "o-1", COMPLETED, "80.00"))
        .chat(agentReplies(DAY.plus(mins(20)), "agent-d"));

    OrderAttributionFact fact = buyer.orderFact("o-1");
    assertThat(fact.ownerAgentId).isEqualTo("agent-a");
    assertThat(fact.followUpAgentIds).containsExactly("agent-c");
    ConversionCounts c = buyer.row("agent-c", TODAY);
    assertThat(c.assistedFollowUps).isEqualTo(1);
    assertThat(c.inquiringBuyers).as("a post-sale answer is not an inquiry").isZero();
    assertThat(c.ownedOrders).isZero();
    assertThat(buyer.row("agent-d", TODAY.plusDays(1)).assistedFollowUps)
        .as("the order had completed")
        .isZero();
  }

  @Test
  void aBuyerWithTwoOrdersFollowedUpTheSameDayCountsOnceAmongFollowedUpBuyers() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(30), "o-1", CREATED, "80.00"))
        .order(order(mins(40), "o-2", CREATED, "20.00"))
        .chat(agentReplies(mins(90), "agent-c"))
        .chat(ofBuyer2(agentReplies(mins(95), "agent-a")))
        .order(ofBuyer2(order(mins(100), "o-3", CREATED, "30.00")))
        .chat(ofBuyer2(agentReplies(mins(120), "agent-c")));

    ConversionCounts c = buyer.row("agent-c", TODAY);
    assertThat(c.assistedFollowUps).as("per order").isEqualTo(3);
    assertThat(c.followedUpBuyers).as("per distinct buyer").isEqualTo(2);
    assertThat(buyer.row("agent-a", TODAY).followedUpBuyers).as("owner, no follow-up").isZero();
  }

  @Test
  void anAgentFollowingUpABuyerOnTwoDaysCountsTheBuyerOnEachDay() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(30), "o-1", CREATED, "80.00"))
        .chat(agentReplies(mins(90), "agent-c"))
        .order(order(DAY.plus(mins(10)), "o-2", CREATED, "20.00"))
        .chat(agentReplies(DAY.plus(mins(60)), "agent-c"));

    ConversionCounts first = buyer.row("agent-c", TODAY);
    ConversionCounts second = buyer.row("agent-c", TODAY.plusDays(1));
    // o-1 counts on the day of agent-c's first follow-up answer to it, o-2 on the next day.
    assertThat(first.assistedFollowUps).isEqualTo(1);
    assertThat(first.followedUpBuyers).isEqualTo(1);
    assertThat(second.assistedFollowUps).isEqualTo(1);
    assertThat(second.followedUpBuyers).isEqualTo(1);
  }

  @Test
  void aLateAnswerThatAddsAFollowUpCorrectsTheFollowedUpBuyers() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(30), "o-1", CREATED, "80.00"))
        .chat(agentReplies(mins(90), "agent-c"))
        .order(order(mins(120), "o-2", CREATED, "20.00"))
        .watermark(mins(200));
    assertThat(buyer.row("agent-c", TODAY).assistedFollowUps).isEqualTo(1);
    assertThat(buyer.row("agent-c", TODAY).followedUpBuyers).isEqualTo(1);
    assertThat(buyer.row("agent-d", TODAY).isZero()).isTrue();

    // Behind the watermark, within the allowed lateness: corrections of rows already written.
    buyer.chat(agentReplies(mins(198), "agent-c")).chat(agentReplies(mins(199), "agent-d"));

    ConversionCounts c = buyer.row("agent-c", TODAY);
    assertThat(c.assistedFollowUps).as("o-2 too").isEqualTo(2);
    assertThat(c.followedUpBuyers).as("still one buyer").isEqualTo(1);
    ConversionCounts d = buyer.row("agent-d", TODAY);
    assertThat(d.assistedFollowUps).isEqualTo(2);
    assertThat(d.followedUpBuyers).isEqualTo(1);
    assertThat(buyer.deadLetters()).isEmpty();
  }

  @Test
  void orderWithNoChatIsASilentOrder() throws Exception {
    buyer
        .chat(buyerSays(mins(1), "在吗"))
        .order(order(mins(30), "o-1", CREATED, "88.00"))
        .order(order(mins(31), "o-1", PAID, "88.00"));

    OrderAttributionFact fact = buyer.orderFact("o-1");
    assertThat(fact.silent).isTrue();
    assertThat(fact.decided).isTrue();
    assertThat(fact.ownerAgentId).isEmpty();
    ConversionCounts silent = buyer.silentRow(SHOP, TODAY);
    assertThat(silent.silentOrders).isEqualTo(1);
    assertThat(silent.silentPaidOrders).isEqualTo(1);
    assertThat(silent.silentSales).isEqualByComparingTo("88.00");
    assertThat(buyer.rows()).hasSize(1);
    assertThat(buyer.inquiries()).isEmpty();
  }

  @Test
  void orderArrivingBeforeAnyAnswerIsCorrectedByTheInquiryEarlierThatDay() throws Exception {
    buyer
        .order(order(mins(30), "o-1", CREATED, "60.00"))
        .order(order(mins(31), "o-1", PAID, "60.00"));
    assertThat(buyer.orderFact("o-1").silent).isTrue();
    assertThat(buyer.silentRow(SHOP, TODAY).silentOrders).isEqualTo(1);

    buyer.watermark(mins(-1)).chat(agentReplies(mins(1), "agent-a"));

    OrderAttributionFact fact = buyer.orderFact("o-1");
    assertThat(fact.silent).isFalse();
    assertThat(fact.ownerAgentId).isEqualTo("agent-a");
    assertThat(fact.version).isEqualTo(3);
    assertThat(buyer.silentRow(SHOP, TODAY).isZero()).as("silent order retracted").isTrue();
    ConversionCounts a = buyer.row("agent-a", TODAY);
    assertThat(a.ownedOrders).isEqualTo(1);
    assertThat(a.inquiringBuyers).isEqualTo(1);
    assertThat(a.orderedBuyers).isEqualTo(1);
    assertThat(a.ownerSales).isEqualByComparingTo("60.00");
  }

  @Test
  void answerOlderThanTheAllowedLatenessIsADeadLetterNotACorrection() throws Exception {
    buyer.order(order(mins(30), "o-1", CREATED, "60.00")).watermark(mins(30));
    ChatMessage late = agentReplies(mins(1), "agent-a");
    buyer.chat(late);

    assertThat(buyer.orderFact("o-1").silent).isTrue();
    List<DeadLetter> letters = buyer.deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).stage).isEqualTo(DeadLetter.STAGE_LATE);
    assertThat(letters.get(0).eventId).isEqualTo(late.getEventId());
  }

  @Test
  void answerOutsideTheInquiryValidityDoesNotWinTheOrder() throws Exception {
    buyer
        .chat(agentReplies(mins(0), "agent-a"))
        .order(order(Duration.ofDays(2).plus(mins(1)), "o-1", CREATED, "70.00"));

    assertThat(buyer.orderFact("o-1").silent).isTrue();
    ConversionCounts a = buyer.row("agent-a", TODAY);
    assertThat(a.inquiringBuyers).isEqualTo(1);
    assertThat(a.orderedBuyers).isZero();
    assertThat(a.ownedOrders).isZero();
    assertThat(buyer.silentRow(SHOP, TODAY.plusDays(2)).silentOrders).isEqualTo(1);
  }

  @Test
  void paymentADayLaterCorrectsTheInquiryDayAndCreditsSalesOnThePaymentDay() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(60), "o-1", CREATED, "120.00"))
        .watermark(mins(60));
    ConversionCounts before = buyer.row("agent-a", TODAY);
    assertThat(before.orderedBuyers).isEqualTo(1);
    assertThat(before.paidNextDayBuyers).isZero();
    int deltasBefore = buyer.deltas().size();

    buyer.watermark(DAY.plus(mins(300))).order(order(DAY.plus(mins(300)), "o-1", PAID, "120.00"));

    assertThat(buyer.deltas().size()).isGreaterThan(deltasBefore);
    ConversionCounts inquiryDay = buyer.row("agent-a", TODAY);
    assertThat(inquiryDay.paidNextDayBuyers).isEqualTo(1);
    assertThat(inquiryDay.paidInValidityBuyers).isEqualTo(1);
    assertThat(inquiryDay.ownedOrders).isEqualTo(1);
    assertThat(inquiryDay.ownerSales).isEqualByComparingTo("0");
    ConversionCounts paymentDay = buyer.row("agent-a", TODAY.plusDays(1));
    assertThat(paymentDay.ownerPaidOrders).isEqualTo(1);
    assertThat(paymentDay.ownerSales).isEqualByComparingTo("120.00");
    assertThat(buyer.orderFact("o-1").paidMs).isPositive();
  }

  @Test
  void aShopInAnotherZoneCountsInquiriesSalesAndTheNextDayOnItsOwnDays() throws Exception {
    AttributionSettings newYork =
        AttributionSettings.from(
            JobConfig.of(Map.of("events.shop-time-zones", "shop-1=America/New_York")));
    // BEGINNING is 21:00 on 1 November in New York (EST): the answer and the order fall on
    // 1 November there, the payment at 00:30 on 3 November, after the end of the next day (in
    // Shanghai all of it is 2 and 3 November: paid the next day).
    try (BuyerHarness ny = new BuyerHarness(newYork)) {
      ny.chat(agentReplies(mins(1), "agent-a"))
          .order(order(mins(60), "o-1", CREATED, "120.00"))
          .order(order(mins(27 * 60 + 30), "o-1", PAID, "120.00"))
          .watermark(DAY.multipliedBy(5));

      LocalDate inquiryDay = TODAY.minusDays(1);
      ConversionCounts inquiry = ny.row("agent-a", inquiryDay);
      assertThat(inquiry.inquiringBuyers).isEqualTo(1);
      assertThat(inquiry.ownedOrders).isEqualTo(1);
      assertThat(inquiry.paidNextDayBuyers).isZero();
      assertThat(inquiry.paidInValidityBuyers).isEqualTo(1);
      assertThat(ny.row("agent-a", TODAY.plusDays(1)).ownerSales).isEqualByComparingTo("120.00");
      assertThat(ny.inquiries().values())
          .extracting(f -> f.day)
          .containsOnly((int) inquiryDay.toEpochDay());
    }
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(60), "o-1", CREATED, "120.00"))
        .order(order(mins(27 * 60 + 30), "o-1", PAID, "120.00"))
        .watermark(DAY.multipliedBy(5));
    assertThat(buyer.row("agent-a", TODAY).paidNextDayBuyers).isEqualTo(1);
  }

  @Test
  void refundReversesTheOwnersSales() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(30), "o-1", CREATED, "99.90"))
        .order(order(mins(31), "o-1", PAID, "99.90"))
        .order(order(mins(200), "o-1", REFUND_REQUESTED, "99.90"))
        .order(order(mins(300), "o-1", REFUNDED, "99.90"));

    ConversionCounts a = buyer.row("agent-a", TODAY);
    assertThat(a.ownerSales).isEqualByComparingTo("99.90");
    assertThat(a.refundedOrders).isEqualTo(1);
    assertThat(a.refundAmount).isEqualByComparingTo("99.90");
    assertThat(a.netOwnerSales()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(a.ownedOrders).as("the order stays owned").isEqualTo(1);
    OrderAttributionFact fact = buyer.orderFact("o-1");
    assertThat(fact.status).isEqualTo("REFUNDED");
    assertThat(fact.refundedMs).isPositive();
  }

  @Test
  void paidBeforeCreatedEndsWhereInOrderEventsEnd() throws Exception {
    buyer.chat(agentReplies(mins(1), "agent-a")).order(order(mins(35), "o-1", PAID, "40.00"));
    assertThat(buyer.orderFact("o-1").decided).as("waits for CREATED").isFalse();
    buyer.order(order(mins(30), "o-1", CREATED, "40.00"));

    try (BuyerHarness inOrder = new BuyerHarness()) {
      inOrder
          .chat(agentReplies(mins(1), "agent-a"))
          .order(order(mins(30), "o-1", CREATED, "40.00"))
          .order(order(mins(35), "o-1", PAID, "40.00"));
      assertThat(buyer.rows()).isEqualTo(inOrder.rows());
      assertThat(buyer.orderFact("o-1").sameAs(inOrder.orderFact("o-1"))).isTrue();
    }
    assertThat(buyer.orderFact("o-1").ownerAgentId).isEqualTo("agent-a");
    assertThat(buyer.row("agent-a", TODAY).ownerSales).isEqualByComparingTo("40.00");
  }

  @Test
  void duplicateOrderEventsCountOnce() throws Exception {
    OrderEvent created = order(mins(30), "o-1", CREATED, "10.00");
    OrderEvent paid = order(mins(31), "o-1", PAID, "10.00");
    buyer.chat(agentReplies(mins(1), "agent-a")).order(created).order(paid);
    int deltas = buyer.deltas().size();
    long version = buyer.orderFact("o-1").version;

    buyer.order(created).order(paid).order(created);

    assertThat(buyer.deltas()).hasSize(deltas);
    assertThat(buyer.orderFact("o-1").version).isEqualTo(version);
    ConversionCounts a = buyer.row("agent-a", TODAY);
    assertThat(a.ownedOrders).isEqualTo(1);
    assertThat(a.ownerPaidOrders).isEqualTo(1);
    assertThat(a.ownerSales).isEqualByComparingTo("10.00");
  }

  @Test
  void buyerOrderingInTwoShopsIsAttributedPerShop() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(30), "o-1", CREATED, "30.00"))
        .order(inShop2(order(mins(40), "o-2", CREATED, "45.00")))
        .order(inShop2(order(mins(41), "o-2", PAID, "45.00")));

    assertThat(buyer.orderFact("o-1").ownerAgentId).isEqualTo("agent-a");
    assertThat(buyer.orderFact("o-2").silent)
        .as("agent-a answered in shop-1, not in shop-2")
        .isTrue();
    assertThat(buyer.orderFact("o-2").shopId).isEqualTo("shop-2");
    assertThat(buyer.row("agent-a", TODAY).ownedOrders).isEqualTo(1);
    assertThat(buyer.silentRow("shop-2", TODAY).silentSales).isEqualByComparingTo("45.00");
    assertThat(buyer.silentRow(SHOP, TODAY).isZero()).isTrue();
  }

  @Test
  void stateIsDroppedOnceNothingCanChangeAnyMore() throws Exception {
    buyer
        .chat(agentReplies(mins(1), "agent-a"))
        .order(order(mins(30), "o-1", CREATED, "30.00"))
        .order(order(mins(31), "o-1", PAID, "30.00"))
        .watermark(Duration.ofDays(5));
    assertThat(buyer.stateEntries()).as("the order is kept for late refunds").isEqualTo(1);
    int deltas = buyer.deltas().size();

    buyer.watermark(Duration.ofDays(40));

    assertThat(buyer.stateEntries()).isZero();
    assertThat(buyer.timers()).isZero();
    assertThat(buyer.deltas()).as("cleanup retracts nothing").hasSize(deltas);
  }

  private static OrderEvent inShop2(OrderEvent e) {
    return OrderEvent.newBuilder(e).setShopId("shop-2").build();
  }

  private static OrderEvent ofBuyer2(OrderEvent e) {
    return OrderEvent.newBuilder(e).setBuyerId("buyer-2").build();
  }

  private static ChatMessage ofBuyer2(ChatMessage m) {
    return ChatMessage.newBuilder(m).setBuyerId("buyer-2").build();
  }

  @Test
  void afterARestoreAReplayedFactKeepsItsVersionAndALaterOneGoesAboveEverything() throws Exception {
    OrderEvent paid = order(mins(40), "o-1", PAID, "60.00");
    buyer.chat(agentReplies(mins(1), "agent-a")).order(order(mins(30), "o-1", CREATED, "60.00"));
    OperatorSubtaskState checkpoint = buyer.snapshot();
    int before = buyer.orderFacts().size();
    // Emitted after the checkpoint, then the task fails: the restored job replays the payment.
    buyer.order(paid);
    OrderAttributionFact lost = buyer.orderFacts().get(before);
    try (BuyerHarness restored = new BuyerHarness(AttributionSettings.defaults(), checkpoint)) {
      restored.order(paid);
      OrderAttributionFact replayed = restored.orderFact("o-1");
      assertThat(replayed.version).isGreaterThanOrEqualTo(lost.version);
      assertThat(replayed.sameAs(lost)).isTrue();

      restored.order(order(mins(50), "o-1", REFUNDED, "60.00"));
      assertThat(restored.orderFact("o-1").version).isGreaterThan(lost.version);
      assertThat(restored.orderFact("o-1").refundedMs).isPositive();
    }
  }
}
