// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.OrderStatus;
import io.servicepulse.generator.BuyerTimeline.AgentMessage;
import io.servicepulse.generator.BuyerTimeline.Turn;
import io.servicepulse.generator.GroundTruth.AttributionCounts;
import io.servicepulse.generator.GroundTruth.NMinute;
import io.servicepulse.generator.GroundTruth.ServiceCounts;
import io.servicepulse.generator.GroundTruth.ShopAttribution;
import io.servicepulse.generator.GroundTruth.ShopService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Computes the {@link GroundTruth} buyer by buyer from the facts each {@link BuyerTimeline}
 * recorded while the scenario was built: straight from the definitions over a buyer's complete
 * history, no streaming, no watermarks. The crediting rules are those in GroundTruth's javadoc.
 */
final class TruthBuilder {

  private static final String SHOP_LEVEL = "";

  private final MetricRules rules;
  private final GroundTruth truth = new GroundTruth();

  /** "shop/agent/day" → the buyers that agent followed up that day (协助跟进人数). */
  private final Map<String, Set<String>> followedUpBuyers = new HashMap<>();

  TruthBuilder(GeneratorConfig config, MetricRules rules, List<ShopModel> shops) {
    this.rules = rules;
    truth.scenario.putAll(config.describe());
    truth.rules = rules;
    for (ShopModel shop : shops) {
      truth.shopPlatforms.put(shop.id, shop.platform);
      for (int a = 0; a < shop.agents(); a++) {
        truth.agentTeams.put(shop.agentIds[a], shop.agentTeams[a]);
      }
      truth.ingest.perShop.put(shop.id, new GroundTruth.ShopIngest());
      truth.service.put(shop.id, new ShopService());
      truth.attribution.put(shop.id, new ShopAttribution());
    }
    for (String topic : List.of(config.chatTopic(), config.orderTopic())) {
      truth.ingest.malformed.put(topic, 0L);
      truth.ingest.duplicates.put(topic, 0L);
      truth.ingest.poison.put(topic, 0L);
    }
    for (PoisonKind kind : PoisonKind.values()) {
      truth.ingest.poisonByReason.put(kind.reason, 0L);
    }
  }

  void add(BuyerTimeline timeline) {
    ingest(timeline);
    if (timeline.buyer.late) {
      return;
    }
    service(timeline);
    nMinute(timeline);
    attribution(timeline);
    qa(timeline);
  }

  /** Counts one emitted record by what happened to it on the way out. */
  void emitted(PlannedEvent record, String topic) {
    GroundTruth.Ingest ingest = truth.ingest;
    ingest.totalRecords++;
    switch (record.kind) {
      case MALFORMED -> ingest.malformed.merge(topic, 1L, Long::sum);
      case DUPLICATE -> ingest.duplicates.merge(topic, 1L, Long::sum);
      case OUT_OF_ORDER -> ingest.outOfOrderEvents++;
      case POISON -> {
        String reason = PoisonKind.values()[record.code].reason;
        ingest.poison.merge(topic, 1L, Long::sum);
        ingest.poisonByReason.merge(reason, 1L, Long::sum);
        ingest.poisonEvents.add(
            new GroundTruth.PoisonEvent(RecordEncoder.poisonEventId(record), topic, reason));
      }
      default -> {}
    }
  }

  /** The after-sales section, created on first use (absent from scenarios without it). */
  GroundTruth.AfterSales afterSales() {
    if (truth.afterSales == null) {
      truth.afterSales = new GroundTruth.AfterSales();
    }
    return truth.afterSales;
  }

  GroundTruth build() {
    for (ShopService shop : truth.service.values()) {
      shop.concurrency.forEach((k, c) -> shop.concurrencyByAgentDay.put(k, c.figures()));
    }
    for (ShopAttribution shop : truth.attribution.values()) {
      shop.silentSales = shop.totalSales.subtract(shop.creditedSales);
    }
    return truth;
  }

  private void ingest(BuyerTimeline t) {
    GroundTruth.Ingest ingest = truth.ingest;
    GroundTruth.ShopIngest shop = ingest.perShop.get(t.buyer.shop.id);
    for (PlannedEvent e : t.events) {
      if (e.type == PlannedEvent.Type.CHAT) {
        ingest.chatMessages++;
        shop.chatMessages++;
      } else {
        ingest.orderEvents++;
        shop.orderEvents++;
      }
      if (t.buyer.late) {
        ingest.lateEvents++;
        ingest.lateEventIds.add(t.buyer.chatEventId(e.number));
      }
    }
  }

  private void service(BuyerTimeline t) {
    ShopModel shop = t.buyer.shop;
    ShopService s = truth.service.get(shop.id);
    Map<Integer, List<Turn>> byConversation = new TreeMap<>();
    for (Turn turn : t.turns) {
      byConversation.computeIfAbsent(turn.conversation, c -> new ArrayList<>()).add(turn);
      for (long threshold : MetricRules.WAIT_ALERT_MS) {
        s.waitAlerts.putIfAbsent(threshold / 1000 + "s", 0L);
        if (!turn.answered() || turn.responseMs() > threshold) {
          s.waitAlerts.merge(threshold / 1000 + "s", 1L, Long::sum);
        }
      }
      for (ServiceCounts c : rows(s, shop, turn.creditedAgent())) {
        c.turns++;
        if (!turn.answered()) {
          c.unanswered++;
          if (turn.firstOfConversation && turn.lateAnswerTs >= 0) {
            // First response of a conversation whose first turn went unanswered.
            c.firstResponseMsSum += turn.lateAnswerTs - turn.start;
            c.firstResponseCount++;
          }
          continue;
        }
        long r = turn.responseMs();
        c.answered++;
        c.responseMsSum += r;
        c.responseMsCount++;
        c.responseMsMax = Math.max(c.responseMsMax, r);
        c.answeredWithin30s += r <= ResponseTimes.WITHIN_BUCKETS_MS[0] ? 1 : 0;
        c.answeredWithin60s += r <= ResponseTimes.WITHIN_BUCKETS_MS[1] ? 1 : 0;
        c.answeredWithin180s += r <= ResponseTimes.WITHIN_BUCKETS_MS[2] ? 1 : 0;
        c.slow += r > rules.slowThresholdMs() ? 1 : 0;
        if (turn.firstOfConversation) {
          c.firstResponseMsSum += r;
          c.firstResponseCount++;
        }
      }
    }
    ShopClock clock = rules.clock(shop);
    for (List<Turn> turns : byConversation.values()) {
      servedIntervals(s, shop, clock, turns);
    }
    buyerReply(s, shop, clock, t.turns);
    for (Turn turn : t.turns) {
      if (turn.botReplied) {
        long[] f =
            s.botTurnsByDay.computeIfAbsent(clock.day(turn.start).toString(), d -> new long[2]);
        f[0]++;
        f[1] += turn.answered() ? 1 : 0;
      }
    }
    for (List<Turn> turns : byConversation.values()) {
      boolean human = turns.stream().anyMatch(Turn::answered);
      for (ServiceCounts c : rows(s, shop, turns.get(0).creditedAgent())) {
        c.conversations++;
        c.conversationsWithHumanAnswer += human ? 1 : 0;
      }
    }
    for (AgentMessage m : t.agentMessages) {
      for (ServiceCounts c : rows(s, shop, m.agent())) {
        c.agentMessages++;
      }
    }
  }

  /**
   * Each agent who answered in the conversation served its buyer from the start of the first turn
   * they answered to their last answer; it counts on the day it starts.
   */
  private static void servedIntervals(
      ShopService s, ShopModel shop, ShopClock clock, List<Turn> turns) {
    Map<Integer, long[]> byAgent = new TreeMap<>();
    for (Turn turn : turns) {
      if (turn.answered()) {
        long[] served =
            byAgent.computeIfAbsent(turn.answerer, a -> new long[] {turn.start, turn.answerTs});
        served[0] = Math.min(served[0], turn.start);
        served[1] = Math.max(served[1], turn.answerTs);
      }
    }
    byAgent.forEach(
        (agent, served) ->
            s.concurrency
                .computeIfAbsent(
                    shop.agentIds[agent] + "/" + clock.day(served[0]), k -> new AgentConcurrency())
                .add(served[0], served[1]));
  }

  /**
   * 回复率 per buyer and day: the buyer asked (had a turn) that day, and was answered by a human; per
   * agent, over the turns credited to that agent.
   */
  private static void buyerReply(ShopService s, ShopModel shop, ShopClock clock, List<Turn> turns) {
    Map<String, boolean[]> asked = new TreeMap<>();
    for (Turn turn : turns) {
      String day = clock.day(turn.start).toString();
      int agent = turn.creditedAgent();
      List<String> keys = new ArrayList<>();
      keys.add("/" + day);
      if (agent >= 0) {
        keys.add(shop.agentIds[agent] + "/" + day);
      }
      for (String key : keys) {
        asked.computeIfAbsent(key, k -> new boolean[1])[0] |= turn.answered();
      }
    }
    asked.forEach(
        (key, answered) ->
            s.buyerReplyByDay.merge(
                key,
                new long[] {1, answered[0] ? 1 : 0},
                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
  }

  /** The credited agent's row and the shop total. */
  private static List<ServiceCounts> rows(ShopService s, ShopModel shop, int agent) {
    String id = agent < 0 ? SHOP_LEVEL : shop.agentIds[agent];
    return List.of(s.agents.computeIfAbsent(id, k -> new ServiceCounts()), s.total);
  }

  /** Per-buyer N-minute rule, business-hours turns only, per day. */
  private void nMinute(BuyerTimeline t) {
    ShopModel shop = t.buyer.shop;
    ShopService s = truth.service.get(shop.id);
    ShopClock clock = rules.clock(shop);
    Map<LocalDate, List<Turn>> byDay = new TreeMap<>();
    for (Turn turn : t.turns) {
      if (clock.inBusinessHours(turn.start)) {
        byDay.computeIfAbsent(clock.day(turn.start), d -> new ArrayList<>()).add(turn);
      }
    }
    for (Map.Entry<LocalDate, List<Turn>> day : byDay.entrySet()) {
      String date = day.getKey().toString();
      List<Turn> turns = day.getValue();
      count(s.nMinuteByDay, date, turns, turn -> true);
      Set<Integer> answerers = new LinkedHashSet<>();
      turns.stream().filter(Turn::answered).forEach(turn -> answerers.add(turn.answerer));
      for (int agent : answerers) {
        count(
            s.agentNMinuteByDay.computeIfAbsent(shop.agentIds[agent], a -> new TreeMap<>()),
            date,
            turns,
            credited -> credited == agent);
      }
    }
  }

  /**
   * Reached if a turn credited to {@code who} was answered by a human; missed if reached and a turn
   * credited to {@code who} was not answered within N.
   */
  private void count(Map<String, NMinute> rows, String date, List<Turn> turns, IntPredicate who) {
    boolean reached = false;
    boolean missed = false;
    for (Turn turn : turns) {
      if (!who.test(turn.creditedAgent())) {
        continue;
      }
      reached |= turn.answered();
      missed |= !turn.answered() || turn.responseMs() > rules.nMinuteMs();
    }
    if (reached) {
      NMinute row = rows.computeIfAbsent(date, d -> new NMinute());
      row.reachedBuyers++;
      row.missedBuyers += missed ? 1 : 0;
    }
  }

  private void attribution(BuyerTimeline t) {
    ShopModel shop = t.buyer.shop;
    ShopAttribution a = truth.attribution.get(shop.id);
    Map<OrderPlan, Integer> owners = new HashMap<>();
    for (OrderPlan order : t.orders) {
      long created = order.created();
      Set<Integer> candidates = new LinkedHashSet<>();
      int owner = -1;
      for (AgentMessage m : t.agentMessages) {
        if (m.ts() >= created - rules.inquiryValidityMs() && m.ts() < created) {
          candidates.add(m.agent());
          owner = m.agent();
        }
      }
      owners.put(order, owner);
      BigDecimal net = BigDecimal.valueOf(order.netSalesCents(), 2);
      a.orders++;
      a.paidOrders += order.paid() ? 1 : 0;
      a.totalSales = a.totalSales.add(net);
      if (owner < 0) {
        a.silentOrders++;
      } else {
        a.creditedSales = a.creditedSales.add(net);
        for (AttributionCounts c : rows(a, shop, owner)) {
          c.ordersOwned++;
          c.ownerSales = c.ownerSales.add(net);
          if (order.refunded()) {
            c.refunds++;
            c.refundedSales = c.refundedSales.add(BigDecimal.valueOf(order.amountCents, 2));
          }
        }
        candidates.remove(owner);
        for (int assistant : candidates) {
          rows(a, shop, assistant).forEach(c -> c.assistedOrders++);
        }
      }
      Map<Integer, Long> firstFollowUp = new TreeMap<>();
      long end = order.followUpEnd(rules);
      for (AgentMessage m : t.agentMessages) {
        if (m.ts() > created && m.ts() <= end) {
          firstFollowUp.merge(m.agent(), m.ts(), Math::min);
        }
      }
      firstFollowUp.forEach(
          (follower, ts) -> {
            rows(a, shop, follower).forEach(c -> c.assistedFollowUps++);
            String agentDay =
                shop.id + "/" + shop.agentIds[follower] + "/" + rules.clock(shop).day(ts);
            if (followedUpBuyers
                .computeIfAbsent(agentDay, k -> new HashSet<>())
                .add(t.buyer.buyerId)) {
              // A buyer new to the agent's day; the shop total sums the agents' rows.
              rows(a, shop, follower).forEach(c -> c.followedUpBuyers++);
            }
          });
    }
    inquiries(t, a, owners);
  }

  /** Inquiry rows per agent-day, then the shop's distinct buyer-day rows. */
  private void inquiries(BuyerTimeline t, ShopAttribution a, Map<OrderPlan, Integer> owners) {
    ShopModel shop = t.buyer.shop;
    Map<List<Object>, Long> firstPerAgentDay = new LinkedHashMap<>();
    Map<LocalDate, Long> firstPerDay = new LinkedHashMap<>();
    for (AgentMessage m : t.agentMessages) {
      LocalDate day = rules.clock(shop).day(m.ts());
      firstPerAgentDay.putIfAbsent(List.of(m.agent(), day), m.ts());
      firstPerDay.putIfAbsent(day, m.ts());
    }
    for (Map.Entry<List<Object>, Long> e : firstPerAgentDay.entrySet()) {
      int agent = (Integer) e.getKey().get(0);
      inquiry(t, e.getValue(), owner -> owner == agent, agentRow(a, shop, agent), owners);
    }
    for (long q : firstPerDay.values()) {
      inquiry(t, q, owner -> owner >= 0, a.total, owners);
    }
  }

  private void inquiry(
      BuyerTimeline t,
      long q,
      IntPredicate ownedBy,
      AttributionCounts row,
      Map<OrderPlan, Integer> owners) {
    long validity = rules.inquiryValidityMs();
    for (OrderPlan order : t.orders) {
      if (order.created() >= q - validity && order.created() < q) {
        return;
      }
    }
    row.inquiries++;
    boolean ordered = false;
    boolean paidNextDay = false;
    boolean paidInValidity = false;
    long nextDayEnd = rules.clock(t.buyer.shop).startOfDayPlus(q, 2);
    for (OrderPlan order : t.orders) {
      if (order.created() < q
          || order.created() >= q + validity
          || !ownedBy.test(owners.get(order))) {
        continue;
      }
      ordered = true;
      if (order.paid()) {
        long paid = order.time(OrderStatus.PAID);
        paidNextDay |= paid < nextDayEnd;
        paidInValidity |= paid < q + validity;
      }
    }
    row.inquiriesOrdered += ordered ? 1 : 0;
    row.inquiriesPaidByNextDay += paidNextDay ? 1 : 0;
    row.inquiriesPaidWithinValidity += paidInValidity ? 1 : 0;
  }

  /** The agent's attribution row and the shop total (which sums the per-order counts). */
  private static List<AttributionCounts> rows(ShopAttribution a, ShopModel shop, int agent) {
    return List.of(agentRow(a, shop, agent), a.total);
  }

  private static AttributionCounts agentRow(ShopAttribution a, ShopModel shop, int agent) {
    return a.agents.computeIfAbsent(shop.agentIds[agent], id -> new AttributionCounts());
  }

  private void qa(BuyerTimeline t) {
    ShopModel shop = t.buyer.shop;
    for (BuyerTimeline.Uncivil u : t.uncivil) {
      Texts.Text text = Texts.get(u.text());
      truth.qa.uncivil.add(
          new GroundTruth.UncivilMessage(
              u.eventId(),
              shop.id,
              t.buyer.buyerId,
              shop.agentId(u.agent()),
              u.role().name(),
              text.lang().name().toLowerCase(Locale.ROOT),
              text.text(),
              text.categories().stream().sorted().toList()));
    }
    truth.qa.civilAgentMessages += t.civilAgentMessages;
  }
}
