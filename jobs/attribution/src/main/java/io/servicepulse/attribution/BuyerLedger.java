// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The inquiry and conversion bookkeeping of one (shop, buyer), without Flink.
 *
 * <p>Every change recomputes the buyer's facts from the events in state and emits only the
 * difference to what was emitted before, so the result depends on which events arrived, never on
 * their order: duplicates, PAID before CREATED and late answers all converge to the same rows. As
 * the watermark passes, {@link #advance} freezes decisions no event can change any more, closes
 * final days and drops what can no longer matter, so state stays bounded by the validity window.
 */
public final class BuyerLedger {

  private final AttributionSettings settings;
  private final OrderAttributor attributor;
  private final BuyerState state;

  public BuyerLedger(AttributionSettings settings, BuyerState state) {
    this.settings = settings;
    this.attributor = new OrderAttributor(settings);
    this.state = state;
  }

  public static BuyerState newState(String shopId, String buyerId) {
    return new BuyerState(shopId, buyerId);
  }

  /** Adds a human answer; false for a duplicate. */
  public boolean addAnswer(ChatMessage m) {
    Answer answer = Answer.of(m);
    int at = Collections.binarySearch(state.answers, answer, Answer.ORDER);
    if (at >= 0) {
      return false;
    }
    state.answers.add(-at - 1, answer);
    return true;
  }

  /** Folds in an order event; false if it changed nothing (a duplicate). */
  public boolean addOrderEvent(OrderEvent e) {
    return state.orders.computeIfAbsent(e.getOrderId(), id -> OrderTrack.of(e)).apply(e);
  }

  /** Recomputes the buyer's open facts and returns what changed since the last call. */
  public LedgerChanges recompute() {
    LedgerChanges changes = new LedgerChanges();
    Map<String, ConversionDelta> contributions = new HashMap<>();
    Map<String, Decision> decisions = new HashMap<>();
    for (OrderTrack order : sortedOrders()) {
      Decision decision = decisionOf(order);
      List<AgentCredit> followUps = followUpsOf(order, decision);
      decisions.put(order.orderId, decision);
      creditOrder(order, decision, followUps, contributions);
      OrderAttributionFact fact = orderFact(order, decision, followUps);
      if (!fact.sameAs(order.emitted)) {
        fact.version = order.emitted == null ? 1 : order.emitted.version + 1;
        order.emitted = fact;
        changes.orders.add(fact);
      }
    }
    for (Map.Entry<Integer, List<Answer>> day : answersByOpenDay().entrySet()) {
      InquiryFact fact = inquiry(day.getKey(), day.getValue(), decisions, contributions);
      InquiryFact before = state.inquiries.get(day.getKey());
      if (!fact.sameAs(before)) {
        fact.version = before == null ? 1 : before.version + 1;
        state.inquiries.put(day.getKey(), fact);
        changes.inquiries.add(fact);
      }
    }
    countBuyers(contributions);
    diffContributions(contributions, changes.deltas);
    return changes;
  }

  /**
   * Everything older than {@code horizon} (watermark − allowed lateness) is final: freezes
   * decisions and follow-ups, closes days, drops answers and orders that can no longer matter.
   */
  public void advance(long horizon) {
    for (OrderTrack order : state.orders.values()) {
      Decision decision = decisionOf(order);
      if (order.frozenDecision == null && decision != null && horizon > decision.decisionMs) {
        order.frozenDecision = decision;
      }
      if (order.frozenFollowUps == null
          && order.frozenDecision != null
          && horizon > attributor.followUpEnd(order)) {
        order.frozenFollowUps = attributor.followUps(order, order.frozenDecision, state.answers);
      }
    }
    int openFrom =
        settings.dayClamped(
            state.shopId, horizon - Math.max(AttributionSettings.DAY_MS, settings.validityMs));
    if (openFrom > state.openFromDay) {
      state.openFromDay = openFrom;
      state.inquiries.keySet().removeIf(day -> day < openFrom);
      state.contributions.values().removeIf(c -> c.day < openFrom);
    }
    state.answers.removeIf(a -> a.ts + settings.answerRetentionMs() < horizon);
    state.orders.values().removeIf(o -> o.lastEventMs + orderRetentionMs() < horizon);
  }

  /** The earliest horizon at which {@link #advance} has work; Long.MAX_VALUE if none. */
  public long nextAdvance() {
    long next = Long.MAX_VALUE;
    if (!state.answers.isEmpty()) {
      next = state.answers.get(0).ts + settings.answerRetentionMs();
    }
    for (OrderTrack order : state.orders.values()) {
      next = Math.min(next, order.lastEventMs + orderRetentionMs());
      Decision decision = decisionOf(order);
      if (order.frozenDecision == null && decision != null) {
        next = Math.min(next, decision.decisionMs);
      }
      if (order.frozenFollowUps == null && decision != null) {
        next = Math.min(next, attributor.followUpEnd(order));
      }
    }
    int firstDay = Integer.MAX_VALUE;
    for (int day : state.inquiries.keySet()) {
      firstDay = Math.min(firstDay, day);
    }
    for (ConversionDelta c : state.contributions.values()) {
      firstDay = Math.min(firstDay, c.day);
    }
    if (firstDay != Integer.MAX_VALUE) {
      next = Math.min(next, settings.dayFinalAt(state.shopId, firstDay));
    }
    return next;
  }

  public boolean isEmpty() {
    return state.isEmpty();
  }

  /**
   * Orders stay until a late refund can no longer reach them, and at least as long as any answer
   * they could disqualify from being an inquiry, or any day they are credited to, is open.
   */
  private long orderRetentionMs() {
    long needed =
        2 * settings.validityMs + settings.followUpWindowMs + 2 * AttributionSettings.DAY_MS;
    return Math.max(settings.orderRetentionMs, needed);
  }

  private List<OrderTrack> sortedOrders() {
    List<OrderTrack> orders = new ArrayList<>(state.orders.values());
    orders.sort((a, b) -> a.orderId.compareTo(b.orderId));
    return orders;
  }

  private Decision decisionOf(OrderTrack order) {
    return order.frozenDecision != null
        ? order.frozenDecision
        : attributor.decide(order, state.answers);
  }

  private List<AgentCredit> followUpsOf(OrderTrack order, Decision decision) {
    if (order.frozenFollowUps != null) {
      return order.frozenFollowUps;
    }
    return decision == null ? List.of() : attributor.followUps(order, decision, state.answers);
  }

  /** Owned/assisted/silent on the decision day, sales on the payment day, refunds on theirs. */
  private void creditOrder(
      OrderTrack order,
      Decision decision,
      List<AgentCredit> followUps,
      Map<String, ConversionDelta> contributions) {
    if (decision == null) {
      return;
    }
    int decisionDay = settings.day(state.shopId, decision.decisionMs);
    Long paid = order.time(OrderStatus.PAID);
    Long refunded = paid == null ? null : order.time(OrderStatus.REFUNDED);
    if (decision.silent()) {
      counts(contributions, "", "", decisionDay).silentOrders++;
      if (paid != null) {
        ConversionCounts c = counts(contributions, "", "", settings.day(state.shopId, paid));
        c.silentPaidOrders++;
        c.silentSales = c.silentSales.add(order.amount);
      }
      if (refunded != null) {
        ConversionCounts c = counts(contributions, "", "", settings.day(state.shopId, refunded));
        c.silentRefundedOrders++;
        c.silentRefundAmount = c.silentRefundAmount.add(order.amount);
      }
    } else {
      AgentCredit owner = decision.owner;
      counts(contributions, owner.teamId, owner.agentId, decisionDay).ownedOrders++;
      if (paid != null) {
        ConversionCounts c =
            counts(contributions, owner.teamId, owner.agentId, settings.day(state.shopId, paid));
        c.ownerPaidOrders++;
        c.ownerSales = c.ownerSales.add(order.amount);
      }
      if (refunded != null) {
        ConversionCounts c =
            counts(
                contributions, owner.teamId, owner.agentId, settings.day(state.shopId, refunded));
        c.refundedOrders++;
        c.refundAmount = c.refundAmount.add(order.amount);
      }
    }
    for (AgentCredit assist : decision.assists) {
      counts(contributions, assist.teamId, assist.agentId, decisionDay).assistedOrders++;
    }
    for (AgentCredit followUp : followUps) {
      counts(
              contributions,
              followUp.teamId,
              followUp.agentId,
              settings.day(state.shopId, followUp.ts))
          .assistedFollowUps++;
    }
  }

  private OrderAttributionFact orderFact(
      OrderTrack order, Decision decision, List<AgentCredit> followUps) {
    OrderAttributionFact f = new OrderAttributionFact();
    f.shopId = state.shopId;
    f.orderId = order.orderId;
    f.buyerId = state.buyerId;
    f.rule = settings.rule.name();
    f.decided = decision != null;
    f.silent = decision != null && decision.silent();
    f.decisionMs = decision == null ? 0 : decision.decisionMs;
    if (decision != null && !decision.silent()) {
      f.ownerAgentId = decision.owner.agentId;
      f.ownerTeamId = decision.owner.teamId;
    }
    if (decision != null) {
      decision.assists.forEach(a -> f.assistAgentIds.add(a.agentId));
    }
    followUps.forEach(a -> f.followUpAgentIds.add(a.agentId));
    f.amount = order.amount;
    f.currency = order.currency;
    f.status = order.latestStatus();
    f.createdMs = timeOrZero(order, OrderStatus.CREATED);
    f.paidMs = timeOrZero(order, OrderStatus.PAID);
    f.refundedMs = timeOrZero(order, OrderStatus.REFUNDED);
    long closed = order.closedMs();
    f.closedMs = closed == Long.MAX_VALUE ? 0 : closed;
    return f;
  }

  private static long timeOrZero(OrderTrack order, OrderStatus status) {
    Long t = order.time(status);
    return t == null ? 0 : t;
  }

  private Map<Integer, List<Answer>> answersByOpenDay() {
    Map<Integer, List<Answer>> byDay = new TreeMap<>();
    for (Answer a : state.answers) {
      int day = settings.day(state.shopId, a.ts);
      if (day >= state.openFromDay) {
        byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(a);
      }
    }
    return byDay;
  }

  /**
   * The buyer's inquiries of {@code day}. Each agent's first answer that day at q is an inquiry
   * (询单) unless the buyer created an order within the validity before q (post-sale chat); it
   * converts through orders that agent owns created in [q, q + validity). The buyer-day fact does
   * the same with the first answer by any agent and any owner.
   */
  private InquiryFact inquiry(
      int day,
      List<Answer> answers,
      Map<String, Decision> decisions,
      Map<String, ConversionDelta> contributions) {
    InquiryFact f = new InquiryFact();
    f.shopId = state.shopId;
    f.buyerId = state.buyerId;
    f.day = day;
    Map<String, Answer> firstByAgent = new TreeMap<>();
    answers.forEach(a -> firstByAgent.putIfAbsent(a.agentId, a));
    f.answeredAgentIds.addAll(firstByAgent.keySet());
    long q = answers.get(0).ts;
    if (!orderedWithinValidityBefore(q)) {
      Conversion buyer = conversion(day, q, decisions, null);
      f.inquiry = true;
      f.firstInquiryMs = q;
      f.ordered = buyer.ordered;
      f.paidNextDay = buyer.paidNextDay;
      f.paidInValidity = buyer.paidInValidity;
    }
    for (Answer first : firstByAgent.values()) {
      if (orderedWithinValidityBefore(first.ts)) {
        continue;
      }
      f.inquiryAgentIds.add(first.agentId);
      Conversion agent = conversion(day, first.ts, decisions, first.agentId);
      ConversionCounts c = counts(contributions, first.teamId, first.agentId, day);
      c.inquiringBuyers++;
      c.orderedBuyers += agent.ordered ? 1 : 0;
      c.paidNextDayBuyers += agent.paidNextDay ? 1 : 0;
      c.paidInValidityBuyers += agent.paidInValidity ? 1 : 0;
    }
    return f;
  }

  /** Whether an inquiry at q converted through orders owned by {@code owner} (null: any owner). */
  private Conversion conversion(int day, long q, Map<String, Decision> decisions, String owner) {
    Conversion conversion = new Conversion();
    long nextDayEnd = settings.endOfDay(state.shopId, day + 1);
    long validityEnd = q + settings.validityMs;
    for (OrderTrack order : state.orders.values()) {
      Decision decision = decisions.get(order.orderId);
      if (decision == null || decision.silent() || (owner != null && !decision.ownedBy(owner))) {
        continue;
      }
      long created = order.time(OrderStatus.CREATED);
      Long paid = order.time(OrderStatus.PAID);
      boolean paidInValidity = paid != null && paid < validityEnd;
      // Under 付款判定 an order only has an owner once paid; count it once paid in time.
      if (created < q
          || created >= validityEnd
          || (settings.rule == AttributionRule.ORDER_PAID && !paidInValidity)) {
        continue;
      }
      conversion.ordered = true;
      conversion.paidNextDay |= paid != null && paid < nextDayEnd;
      conversion.paidInValidity |= paidInValidity;
    }
    return conversion;
  }

  /** What an inquiry led to. */
  private static final class Conversion {
    boolean ordered;
    boolean paidNextDay;
    boolean paidInValidity;
  }

  /** True if the buyer created an order within the validity before {@code ts} (post-sale chat). */
  private boolean orderedWithinValidityBefore(long ts) {
    for (OrderTrack order : state.orders.values()) {
      Long created = order.time(OrderStatus.CREATED);
      if (created != null && created < ts && created >= ts - settings.validityMs) {
        return true;
      }
    }
    return false;
  }

  /**
   * A buyer counts once for an agent-day however many orders: as paying if they paid an owned order
   * that day (客单价 = sales/buyers), as followed up if the agent followed up any of their orders that
   * day (协助跟进人数).
   */
  private static void countBuyers(Map<String, ConversionDelta> contributions) {
    for (ConversionDelta c : contributions.values()) {
      c.counts.ownerPayingBuyers = c.counts.ownerPaidOrders > 0 ? 1 : 0;
      c.counts.followedUpBuyers = c.counts.assistedFollowUps > 0 ? 1 : 0;
    }
  }

  private ConversionCounts counts(
      Map<String, ConversionDelta> contributions, String team, String agent, int day) {
    return contributions.computeIfAbsent(
            team + '|' + agent + '|' + day,
            k -> new ConversionDelta(state.shopId, team, agent, day, new ConversionCounts()))
        .counts;
  }

  /** Emits new − old per row for the open days; closed days were dropped from both sides. */
  private void diffContributions(Map<String, ConversionDelta> now, List<ConversionDelta> out) {
    now.values().removeIf(c -> c.day < state.openFromDay);
    Set<String> keys = new TreeSet<>(now.keySet());
    keys.addAll(state.contributions.keySet());
    for (String key : keys) {
      ConversionDelta after = now.get(key);
      ConversionDelta before = state.contributions.get(key);
      ConversionDelta any = after != null ? after : before;
      ConversionCounts change =
          ConversionCounts.difference(
              after == null ? null : after.counts, before == null ? null : before.counts);
      if (!change.isZero()) {
        out.add(new ConversionDelta(any.shopId, any.teamId, any.agentId, any.day, change));
      }
    }
    now.values().removeIf(c -> c.counts.isZero());
    state.contributions = now;
  }
}
