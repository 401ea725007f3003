// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.AfterSalesCosts;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AfterSalesStatus;
import io.servicepulse.events.AfterSalesType;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.AgentEventKind;
import io.servicepulse.events.AgentStatus;
import io.servicepulse.events.FeedbackKind;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.Responsibility;
import io.servicepulse.events.SenderRole;
import io.servicepulse.events.ServiceFeedback;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Schema version 3's events for the simulated buyers, orders and agents, and their ground truth
 * ({@link GroundTruth.ShopAfterSales}). Built from the finished buyer timelines with random streams
 * of its own, after every fault, so a scenario without them keeps its bytes. These events are all
 * emitted on time, once (no faults).
 *
 * <ul>
 *   <li>Service rating ({@code feedbackRate} of buyers an agent answered): rates the last agent who
 *       answered, 10 min after that answer; 1–2 stars bad, 3 middling, 4–5 good; a bad or middling
 *       rating names who is responsible (AGENT, PRODUCT, LOGISTICS or BUYER); a third are invited
 *       (邀评). Two in five bad or middling ratings are modified a day later (revision 1) to 5 stars,
 *       responsibility NONE (中差评修改).
 *   <li>Product review ({@code feedbackRate} of paid orders): a day after payment, 1–5 stars with
 *       DSR dimensions description/service/logistics, the order's last answering agent.
 *   <li>After-sales case ({@code afterSalesRate} of paid orders): type, reason and handling agent
 *       drawn; OPENED a day after payment, then AGREED (four in five) or REJECTED two hours later;
 *       half the rejected cases are ESCALATED (纠纷) a day later, the platform paying from the
 *       deposit; every case CLOSED a day after its answer. The payout by type goes with CLOSED (返现
 *       cashback, 补发 reship, 仅退款 refund-only of the whole amount, 换货 reship postage, 退货退款 nothing);
 *       half the agreed CASHBACK cases pay their cashback in a second CLOSED event three days later
 *       (a cost arriving late); an escalated case is closed a day after escalation.
 *   <li>Agent events ({@code agentEvents}): every agent ONLINE 08:00, AWAY 12:00, ONLINE 13:00,
 *       OFFLINE 23:00 shop time each scenario day; a TRANSFER whenever a buyer's next agent message
 *       in a conversation comes from another agent (at that message's time).
 * </ul>
 *
 * Costs are credited to the agent named on the event that carries them.
 */
final class AfterSalesScenario {

  static final String[] REASONS = {"7天无理由", "质量问题", "描述不符", "发错货"};
  static final String[] DIMENSIONS = {"description", "logistics", "service"};
  private static final AfterSalesType[] TYPES = {
    AfterSalesType.REFUND_ONLY,
    AfterSalesType.RETURN_REFUND,
    AfterSalesType.EXCHANGE,
    AfterSalesType.RESHIP,
    AfterSalesType.CASHBACK
  };
  private static final Responsibility[] BLAME = {
    Responsibility.AGENT, Responsibility.PRODUCT, Responsibility.LOGISTICS, Responsibility.BUYER
  };
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private final GeneratorConfig config;
  private final MetricRules rules;
  private final GroundTruth.AfterSales truth;
  private final List<PlannedEvent> events = new ArrayList<>();

  private AfterSalesScenario(
      GeneratorConfig config, MetricRules rules, GroundTruth.AfterSales truth) {
    this.config = config;
    this.rules = rules;
    this.truth = truth;
  }

  /** The events for these timelines (late buyers excluded by the caller), truth filled in. */
  static List<PlannedEvent> generate(
      GeneratorConfig config,
      MetricRules rules,
      List<ShopModel> shops,
      List<BuyerTimeline> timelines,
      GroundTruth.AfterSales truth) {
    AfterSalesScenario scenario = new AfterSalesScenario(config, rules, truth);
    for (ShopModel shop : shops) {
      truth.shops.put(shop.id, new GroundTruth.ShopAfterSales());
      if (config.agentEvents()) {
        scenario.shifts(shop);
      }
    }
    for (int i = 0; i < timelines.size(); i++) {
      scenario.buyer(timelines.get(i), Rngs.derive(config.seed(), 7, i));
    }
    return scenario.events;
  }

  private void buyer(BuyerTimeline t, Random rng) {
    List<BuyerTimeline.AgentMessage> answers = t.agentMessages;
    if (Rngs.chance(rng, config.feedbackRate()) && !answers.isEmpty()) {
      BuyerTimeline.AgentMessage last = answers.get(answers.size() - 1);
      serviceRating(t, last, rng);
    }
    for (OrderPlan order : t.orders) {
      if (!order.paid()) {
        continue;
      }
      if (Rngs.chance(rng, config.feedbackRate())) {
        review(t, order, lastAnswerBefore(answers, order.time(OrderStatus.PAID)), rng);
      }
      if (Rngs.chance(rng, config.afterSalesRate())) {
        afterSalesCase(t, order, rng);
      }
    }
    if (config.agentEvents()) {
      transfers(t);
    }
  }

  private void serviceRating(BuyerTimeline t, BuyerTimeline.AgentMessage last, Random rng) {
    int stars = 1 + rng.nextInt(5);
    Responsibility blame = stars <= 3 ? BLAME[rng.nextInt(BLAME.length)] : Responsibility.NONE;
    boolean invited = Rngs.chance(rng, 1.0 / 3);
    boolean modified = stars <= 3 && Rngs.chance(rng, 0.4);
    String agent = t.buyer.shop.agentId(last.agent());
    String feedbackId = t.buyer.shop.id + ":" + t.buyer.buyerId + ":r";
    ServiceFeedback first =
        feedback(t, feedbackId, FeedbackKind.SERVICE_RATING, agent, null, stars, Map.of())
            .setResponsibility(blame)
            .setInvited(invited)
            .setRevision(0)
            .setEventId(feedbackId + ":0")
            .setTs(Instant.ofEpochMilli(last.ts() + 10 * MINUTE))
            .build();
    add(t.buyer, PlannedEvent.Type.FEEDBACK, first);
    ServiceFeedback latest = first;
    if (modified) {
      latest =
          ServiceFeedback.newBuilder(first)
              .setRating(5)
              .setResponsibility(Responsibility.NONE)
              .setRevision(1)
              .setEventId(feedbackId + ":1")
              .setTs(first.getTs().plusMillis(DAY))
              .build();
      add(t.buyer, PlannedEvent.Type.FEEDBACK, latest);
    }
    count(t.buyer.shop, first, latest);
  }

  private void review(BuyerTimeline t, OrderPlan order, int agent, Random rng) {
    int stars = 1 + rng.nextInt(5);
    Map<String, Integer> dimensions = new TreeMap<>();
    for (String d : DIMENSIONS) {
      dimensions.put(d, Math.max(1, Math.min(5, stars + rng.nextInt(3) - 1)));
    }
    String orderId = t.buyer.orderId(order.number);
    String feedbackId = orderId + ":review";
    ServiceFeedback review =
        feedback(
                t,
                feedbackId,
                FeedbackKind.PRODUCT_REVIEW,
                agent < 0 ? null : t.buyer.shop.agentId(agent),
                orderId,
                stars,
                dimensions)
            .setResponsibility(stars <= 3 ? BLAME[rng.nextInt(BLAME.length)] : Responsibility.NONE)
            .setInvited(false)
            .setRevision(0)
            .setEventId(feedbackId + ":0")
            .setTs(Instant.ofEpochMilli(order.time(OrderStatus.PAID) + DAY))
            .build();
    add(t.buyer, PlannedEvent.Type.FEEDBACK, review);
    count(t.buyer.shop, review, review);
  }

  private static ServiceFeedback.Builder feedback(
      BuyerTimeline t,
      String feedbackId,
      FeedbackKind kind,
      String agent,
      String orderId,
      int stars,
      Map<String, Integer> dimensions) {
    return ServiceFeedback.newBuilder()
        .setFeedbackId(feedbackId)
        .setKind(kind)
        .setPlatform(t.buyer.shop.platform)
        .setShopId(t.buyer.shop.id)
        .setBuyerId(t.buyer.buyerId)
        .setAgentId(agent)
        .setOrderId(orderId)
        .setRating(stars)
        .setDimensions(dimensions);
  }

  /** Truth of one rating or review: its first and its latest revision. */
  private void count(ShopModel shop, ServiceFeedback first, ServiceFeedback latest) {
    GroundTruth.ShopAfterSales s = truth.shops.get(shop.id);
    s.feedbackEvents += first == latest ? 1 : 2;
    GroundTruth.FeedbackCounts c =
        s.feedbackByAgent.computeIfAbsent(
            latest.getAgentId() == null ? "" : latest.getAgentId(),
            a -> new GroundTruth.FeedbackCounts());
    c.count(first, latest);
    // The day's KPIs: the latest revision's value, on the day of the first, for its agent.
    s.kpis(latest.getAgentId(), rules.clock(shop).day(first.getTs().toEpochMilli()))
        .feedback
        .count(first, latest);
  }

  private void afterSalesCase(BuyerTimeline t, OrderPlan order, Random rng) {
    ShopModel shop = t.buyer.shop;
    AfterSalesType type = TYPES[rng.nextInt(TYPES.length)];
    String reason = REASONS[rng.nextInt(REASONS.length)];
    String agent = shop.agentId(rng.nextInt(shop.agents()));
    boolean agreed = Rngs.chance(rng, 0.8);
    boolean escalated = !agreed && Rngs.chance(rng, 0.5);
    boolean lateCashback = Rngs.chance(rng, 0.5) && agreed && type == AfterSalesType.CASHBACK;
    BigDecimal amount = BigDecimal.valueOf(order.amountCents, 2);
    BigDecimal cashback = BigDecimal.valueOf(300 + rng.nextInt(1700), 2);
    BigDecimal reship = BigDecimal.valueOf(800 + rng.nextInt(4000), 2);
    BigDecimal deposit = BigDecimal.valueOf(1000 + rng.nextInt(5000), 2);
    GroundTruth.ShopAfterSales s = truth.shops.get(shop.id);
    s.casesByType.merge(type.name(), 1L, Long::sum);
    s.casesByReason.merge(reason, 1L, Long::sum);
    AfterSalesEvent.Builder c =
        AfterSalesEvent.newBuilder()
            .setCaseId(t.buyer.orderId(order.number) + ":as")
            .setOrderId(t.buyer.orderId(order.number))
            .setShopId(shop.id)
            .setBuyerId(t.buyer.buyerId)
            .setAgentId(agent)
            .setType(type)
            .setReason(reason)
            .setCurrency(shop.currency);

    long opened = order.time(OrderStatus.PAID) + DAY;
    long answered = opened + 2 * HOUR;
    long closed = answered + DAY;
    caseEvent(t.buyer, c, 0, AfterSalesStatus.OPENED, opened, costs());
    AfterSalesStatus answer = agreed ? AfterSalesStatus.AGREED : AfterSalesStatus.REJECTED;
    caseEvent(t.buyer, c, 1, answer, answered, costs());
    if (escalated) {
      caseEvent(
          t.buyer, c, 2, AfterSalesStatus.ESCALATED, answered + DAY, costs().setDeposit(deposit));
      closed = answered + 2 * DAY;
    }
    AfterSalesCosts.Builder payout = costs();
    if (agreed) {
      switch (type) {
        case CASHBACK -> payout.setCashback(lateCashback ? ZERO : cashback);
        case RESHIP, EXCHANGE -> payout.setReship(reship);
        case REFUND_ONLY -> payout.setRefundOnly(amount);
        default -> {}
      }
    }
    caseEvent(t.buyer, c, 3, AfterSalesStatus.CLOSED, closed, payout);
    if (lateCashback) {
      caseEvent(
          t.buyer, c, 4, AfterSalesStatus.CLOSED, closed + 3 * DAY, costs().setCashback(cashback));
      s.lateCosts++;
    }
    // The case's KPIs: on its opening day for its agent, every payout included.
    GroundTruth.AgentDayKpis k = s.kpis(agent, rules.clock(shop).day(opened));
    k.cases++;
    k.agreed += agreed ? 1 : 0;
    k.rejected += agreed ? 0 : 1;
    k.escalated += escalated ? 1 : 0;
    k.closed++;
    k.handlingMs += closed - opened;
    List<AfterSalesCosts> paid = new ArrayList<>(List.of(payout.build()));
    if (escalated) {
      paid.add(costs().setDeposit(deposit).build());
    }
    if (lateCashback) {
      paid.add(costs().setCashback(cashback).build());
    }
    GroundTruth.CaseCosts caseCosts = new GroundTruth.CaseCosts();
    for (AfterSalesCosts p : paid) {
      caseCosts.add(p);
      k.costs.add(p);
    }
    k.paidCases += caseCosts.total().signum() > 0 ? 1 : 0;
  }

  private static AfterSalesCosts.Builder costs() {
    return AfterSalesCosts.newBuilder()
        .setCashback(ZERO)
        .setReship(ZERO)
        .setRefundOnly(ZERO)
        .setDeposit(ZERO);
  }

  /** Step {@code step} of the case {@code c} (its fixed fields set): status, time and payouts. */
  private void caseEvent(
      BuyerKey buyer,
      AfterSalesEvent.Builder c,
      int step,
      AfterSalesStatus status,
      long ts,
      AfterSalesCosts.Builder costs) {
    AfterSalesEvent event =
        AfterSalesEvent.newBuilder(c)
            .setEventId(c.getCaseId() + ":" + step)
            .setStatus(status)
            .setCosts(costs.build())
            .setTs(Instant.ofEpochMilli(ts))
            .build();
    add(buyer, PlannedEvent.Type.AFTER_SALES, event);
    GroundTruth.ShopAfterSales s = truth.shops.get(event.getShopId());
    s.afterSalesEvents++;
    s.statusChanges.merge(status.name(), 1L, Long::sum);
    s.costsByAgent
        .computeIfAbsent(event.getAgentId(), a -> new GroundTruth.CaseCosts())
        .add(event.getCosts());
  }

  /** The agent who last answered the buyer before {@code ts}, or -1. */
  private static int lastAnswerBefore(List<BuyerTimeline.AgentMessage> answers, long ts) {
    int agent = -1;
    for (BuyerTimeline.AgentMessage m : answers) {
      if (m.ts() < ts) {
        agent = m.agent();
      }
    }
    return agent;
  }

  private void transfers(BuyerTimeline t) {
    ShopModel shop = t.buyer.shop;
    int previousAgent = -1;
    int conversation = -1;
    for (PlannedEvent e : t.events) {
      if (e.type != PlannedEvent.Type.CHAT || e.code != SenderRole.AGENT.ordinal()) {
        continue;
      }
      if (e.conversation != conversation) {
        conversation = e.conversation;
        previousAgent = e.agent;
        continue;
      }
      if (e.agent != previousAgent) {
        String from = shop.agentId(previousAgent);
        AgentEvent transfer =
            AgentEvent.newBuilder()
                .setEventId(t.buyer.chatEventId(e.number) + ":transfer")
                .setShopId(shop.id)
                .setTeamId(shop.teamId(previousAgent))
                .setAgentId(from)
                .setKind(AgentEventKind.TRANSFER)
                .setBuyerId(t.buyer.buyerId)
                .setToAgentId(shop.agentId(e.agent))
                .setTs(Instant.ofEpochMilli(e.ts))
                .build();
        add(t.buyer, PlannedEvent.Type.AGENT, transfer);
        GroundTruth.ShopAfterSales s = truth.shops.get(shop.id);
        s.agentEvents++;
        s.transfersByAgent.merge(from, 1L, Long::sum);
        LocalDate day = rules.clock(shop).day(e.ts);
        s.kpis(from, day).transfersOut++;
        s.kpis(shop.agentId(e.agent), day).transfersIn++;
        previousAgent = e.agent;
      }
    }
  }

  /** Each agent's day: ONLINE 08:00, AWAY 12:00, ONLINE 13:00, OFFLINE 23:00 (shop time). */
  private void shifts(ShopModel shop) {
    long[] hours = {8, 12, 13, 23};
    AgentStatus[] statuses = {
      AgentStatus.ONLINE, AgentStatus.AWAY, AgentStatus.ONLINE, AgentStatus.OFFLINE
    };
    GroundTruth.ShopAfterSales s = truth.shops.get(shop.id);
    for (int a = 0; a < shop.agents(); a++) {
      String agent = shop.agentId(a);
      s.teamByAgent.put(agent, shop.teamId(a));
      BuyerKey key = new BuyerKey(shop, agent, false);
      for (int day = 0; day < config.days(); day++) {
        for (int i = 0; i < hours.length; i++) {
          long ts = config.start().toEpochMilli() + day * DAY + hours[i] * HOUR;
          AgentEvent status =
              AgentEvent.newBuilder()
                  .setEventId(agent + ":d" + day + ":s" + i)
                  .setShopId(shop.id)
                  .setTeamId(shop.teamId(a))
                  .setAgentId(agent)
                  .setKind(AgentEventKind.STATUS)
                  .setStatus(statuses[i])
                  .setTs(Instant.ofEpochMilli(ts))
                  .build();
          add(key, PlannedEvent.Type.AGENT, status);
          s.agentEvents++;
          s.statusChangesByAgent.merge(agent, 1L, Long::sum);
          if (i + 1 < hours.length) {
            long until = config.start().toEpochMilli() + day * DAY + hours[i + 1] * HOUR;
            statusTime(rules.clock(shop), s, agent, statuses[i], ts, until);
          }
        }
      }
    }
  }

  /** {@code status} from {@code from} to {@code to}, split at the shop's midnights. */
  private static void statusTime(
      ShopClock clock,
      GroundTruth.ShopAfterSales s,
      String agent,
      AgentStatus status,
      long from,
      long to) {
    for (long start = from; start < to; ) {
      long end = Math.min(to, clock.startOfDayPlus(start, 1));
      GroundTruth.AgentDayKpis k = s.kpis(agent, clock.day(start));
      if (status == AgentStatus.AWAY) {
        k.awayMs += end - start;
      } else if (status != AgentStatus.OFFLINE) {
        k.onlineMs += end - start;
        k.busyMs += status == AgentStatus.BUSY ? end - start : 0;
      }
      start = end;
    }
  }

  private void add(BuyerKey key, PlannedEvent.Type type, Object payload) {
    PlannedEvent e = new PlannedEvent(key, type, timeOf(payload).toEpochMilli(), 0, 0, 0, 0, 0, 0);
    e.payload = payload;
    events.add(e);
  }

  private static Instant timeOf(Object payload) {
    if (payload instanceof ServiceFeedback f) {
      return f.getTs();
    }
    if (payload instanceof AfterSalesEvent a) {
      return a.getTs();
    }
    return ((AgentEvent) payload).getTs();
  }
}
