// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import io.servicepulse.generator.Texts.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes one buyer's script: conversations of turns with realistic timing, bots, transfers and
 * hand-offs, then orders with their lifecycle. Every choice comes from the buyer's own random
 * stream. Timestamps are kept clear of every boundary a job compares with (session gap, business
 * hours, midnight, thresholds, attribution windows) so the ground truth is unambiguous.
 */
final class BuyerSimulator {

  private static final long SEC = 1_000;
  private static final long MIN = 60 * SEC;
  private static final long HOUR = 60 * MIN;

  /** Turn starts keep this far from midnight and the business-hours edges. */
  private static final long BOUNDARY_MARGIN = 3 * MIN;

  /** Agent messages and payments keep this far from the edges of attribution windows. */
  private static final long WINDOW_MARGIN = 5 * MIN;

  /** How often a buyer says thanks or OK after an answer. */
  private static final double ACK_CHANCE = 0.2;

  /**
   * How often the source system (not the gap) starts a new conversation, with a new
   * conversation_id, before a buyer's next question.
   */
  private static final double SOURCE_SPLIT_CHANCE = 0.1;

  /** How often an agent answers a buyer who gave up after the reply timeout. */
  private static final double LATE_REPLY_CHANCE = 0.3;

  private final MetricRules rules;
  private final ShopClock clock;
  private final ShopModel shop;
  private final Random rng;
  private final BuyerTimeline timeline;
  private final long horizonStart;
  private final long horizonEnd;
  private final double uncivilRate;

  /** Instants agent messages keep clear of: where an order's windows begin or end. */
  private final List<Long> critical = new ArrayList<>();

  private int preferredAgent = -1;
  private int orderCount;

  private BuyerSimulator(GeneratorConfig config, MetricRules rules, BuyerKey buyer, Random rng) {
    this.rules = rules;
    this.clock = rules.clock(buyer.shop);
    this.shop = buyer.shop;
    this.rng = rng;
    this.timeline = new BuyerTimeline(buyer, rules);
    this.horizonStart = config.start().toEpochMilli();
    this.horizonEnd = config.end().toEpochMilli();
    this.uncivilRate = buyer.late ? 0 : config.uncivilRate();
  }

  /** A buyer who chats (1–4 conversations over the days) and may order after being answered. */
  static BuyerTimeline chatter(GeneratorConfig config, MetricRules rules, BuyerKey b, Random rng) {
    BuyerSimulator sim = new BuyerSimulator(config, rules, b, rng);
    sim.chat();
    return sim.timeline;
  }

  /** A buyer who orders without ever chatting: silent orders. */
  static BuyerTimeline silent(GeneratorConfig config, MetricRules rules, BuyerKey b, Random rng) {
    BuyerSimulator sim = new BuyerSimulator(config, rules, b, rng);
    sim.orderSilently();
    return sim.timeline;
  }

  /** One short conversation in business hours, early enough to be emitted late in the scenario. */
  static BuyerTimeline late(GeneratorConfig config, MetricRules rules, BuyerKey b, Random rng) {
    BuyerSimulator sim = new BuyerSimulator(config, rules, b, rng);
    long latest = sim.horizonEnd - config.lateDelay().toMillis() - HOUR;
    ConversationDraft d = sim.place(sim.randomStart(sim.horizonStart + HOUR, latest, true), false);
    if (d != null && d.end() < latest) {
      d.commitTo(sim.timeline);
    }
    return sim.timeline;
  }

  private void chat() {
    int conversations = weighted(50, 30, 15, 5) + 1;
    long t = randomStart(horizonStart + 10 * MIN, horizonEnd - 4 * HOUR, chance(0.85));
    for (int c = 0; c < conversations && t < horizonEnd - 2 * HOUR; c++) {
      ConversationDraft d = place(t, orderCount > 0);
      if (d == null) {
        return;
      }
      d.commitTo(timeline);
      long next = d.end() + rules.sessionGapMs() + 15 * MIN + gapBetweenConversations();
      if (d.humanAnswer && orderCount < 2 && chance(0.45)) {
        Long created = order(d.end() + orderDelay());
        if (created != null) {
          next = Math.max(next, created + 10 * MIN + Rngs.between(rng, 0, 30 * HOUR));
        }
      }
      t = next;
    }
  }

  private void orderSilently() {
    long created = randomStart(horizonStart + HOUR, horizonEnd - 2 * HOUR, chance(0.85));
    order(created);
    if (chance(0.2)) {
      order(created + Rngs.between(rng, 24 * HOUR, 48 * HOUR));
    }
  }

  private long gapBetweenConversations() {
    return chance(0.35) ? Rngs.between(rng, 0, 3 * HOUR) : Rngs.between(rng, 10 * HOUR, 40 * HOUR);
  }

  /** Hours after the inquiry or a day later; now and then beyond the inquiry validity. */
  private long orderDelay() {
    double p = rng.nextDouble();
    if (p < 0.3) {
      return Rngs.between(rng, 5 * MIN, 40 * MIN);
    } else if (p < 0.7) {
      return Rngs.between(rng, HOUR, 8 * HOUR);
    } else if (p < 0.92) {
      return Rngs.between(rng, 18 * HOUR, 30 * HOUR);
    }
    return rules.inquiryValidityMs() + Rngs.between(rng, 2 * HOUR, 20 * HOUR);
  }

  /** Business hours with probability {@code businessHours}, else night, within [from, to). */
  private long randomStart(long from, long to, boolean businessHours) {
    long t = from;
    for (int i = 0; i < 1_000; i++) {
      t = Rngs.between(rng, from, Math.max(from + 1, to));
      if (clock.inBusinessHours(t) == businessHours
          && !clock.nearBoundary(t, 2 * BOUNDARY_MARGIN)) {
        return t;
      }
    }
    return t;
  }

  /** Drafts a conversation at or after t that meets every constraint; null if none fits. */
  private ConversationDraft place(long t, boolean followUp) {
    for (int attempt = 0; attempt < 40 && t < horizonEnd - 90 * MIN; attempt++) {
      if (clock.nearBoundary(t, BOUNDARY_MARGIN)) {
        t += 7 * MIN;
        continue;
      }
      ConversationDraft d = draft(t, followUp);
      if (fits(d)) {
        return d;
      }
      t += 10 * MIN + Rngs.between(rng, 0, 20 * MIN);
    }
    return null;
  }

  private boolean fits(ConversationDraft d) {
    if (d.end() >= horizonEnd) {
      return false;
    }
    for (long start : d.turnStarts) {
      if (clock.nearBoundary(start, BOUNDARY_MARGIN)) {
        return false;
      }
    }
    for (ConversationDraft.Msg m : d.messages) {
      if (m.role() == SenderRole.AGENT
          && (clock.nearMidnight(m.ts(), BOUNDARY_MARGIN) || nearCritical(m.ts()))) {
        return false;
      }
    }
    return true;
  }

  private boolean nearCritical(long ts) {
    for (long c : critical) {
      if (Math.abs(ts - c) < WINDOW_MARGIN) {
        return true;
      }
    }
    return false;
  }

  private ConversationDraft draft(long t, boolean followUp) {
    ConversationDraft d = new ConversationDraft();
    boolean night = !clock.inBusinessHours(t);
    double unansweredRate = night ? 0.35 : 0.06;
    int assignee = chance(0.7) ? chooseAgent() : -1;
    int turns = weighted(35, 30, 20, 10, 5) + 1;
    long cur = t;
    for (int i = 0; i < turns; i++) {
      Kind kind = i == 0 && !followUp ? Kind.BUYER_OPEN : Kind.BUYER_FOLLOW;
      if (i > 0 && chance(SOURCE_SPLIT_CHANCE)) {
        d.newSourceConversation();
      }
      d.buyer(cur, assignee, buyerText(kind), true);
      boolean bot = (i == 0 && chance(0.5)) || chance(0.08);
      if (chance(unansweredRate)) {
        unansweredTurn(d, cur, assignee, bot);
        return d;
      }
      int answerer = assignee >= 0 ? assignee : chooseAgent();
      boolean handOff = shop.agents() > 1 && chance(0.12);
      if (handOff) {
        answerer = otherAgent(answerer);
      }
      long answerAt = cur + ResponseTimes.sample(rng, shop.agentSpeed[answerer], rules);
      insideTurn(d, cur, answerAt, assignee, answerer, bot, handOff && assignee >= 0);
      d.agent(answerAt, answerer, agentText());
      long last = answerAt;
      if (chance(0.3)) {
        last += Rngs.between(rng, 3 * SEC, 25 * SEC);
        d.agent(last, answerer, agentText());
      }
      assignee = answerer;
      preferredAgent = answerer;
      if (chance(ACK_CHANCE)) {
        // Needs no reply, so it opens no turn (the jobs' events.no-reply-needed); before the next
        // turn, which starts 8 s or more after the answer.
        last += Rngs.between(rng, 2 * SEC, 6 * SEC);
        d.buyer(last, answerer, Texts.pick(rng, shop.lang, Kind.BUYER_ACK), false);
      }
      cur = last + Rngs.between(rng, 8 * SEC, 6 * MIN);
      while (clock.nearBoundary(cur, BOUNDARY_MARGIN)) {
        cur += 7 * MIN;
      }
    }
    return d;
  }

  /**
   * Bot auto-reply, a transfer notice and more buyer messages strictly between the turn start and
   * the answer, at distinct whole seconds. Buyer messages after a transfer are routed to the new
   * agent (the answerer is credited either way).
   */
  private void insideTurn(
      ConversationDraft d,
      long start,
      long answerAt,
      int assignee,
      int answerer,
      boolean bot,
      boolean transfer) {
    int lastSecond = (int) ((answerAt - start - 1) / SEC);
    if (bot) {
      d.bot(start + SEC, assignee, Texts.pick(rng, shop.lang, Kind.BOT));
    }
    int buyers = Math.min(weighted(55, 30, 15), Math.max(0, lastSecond - 3));
    int slots = buyers + (transfer ? 1 : 0);
    long[] offsets = distinctSeconds(slots, 2, lastSecond);
    int transferAt = transfer ? rng.nextInt(slots) : -1;
    int routed = assignee;
    for (int i = 0; i < slots; i++) {
      long ts = start + offsets[i] * SEC;
      if (i == transferAt) {
        d.system(ts, Texts.pick(rng, shop.lang, Kind.SYSTEM_TRANSFER));
        routed = answerer;
      } else {
        d.buyer(ts, routed, buyerText(Kind.BUYER_FOLLOW), false);
      }
    }
  }

  /**
   * The buyer gives up: more messages, maybe a transfer, no human answer; the conversation ends.
   */
  private void unansweredTurn(ConversationDraft d, long start, int assignee, boolean bot) {
    long ts = start;
    if (bot) {
      ts += SEC;
      d.bot(ts, assignee, Texts.pick(rng, shop.lang, Kind.BOT));
    }
    int more = rng.nextInt(3);
    for (int i = 0; i < more; i++) {
      ts += Rngs.between(rng, 20 * SEC, 4 * MIN);
      if (shop.agents() > 1 && chance(0.25)) {
        d.system(ts, Texts.pick(rng, shop.lang, Kind.SYSTEM_TRANSFER));
        ts += Rngs.between(rng, 2 * SEC, 10 * SEC);
        assignee = otherAgent(assignee);
      }
      d.buyer(ts, assignee, buyerText(Kind.BUYER_FOLLOW), false);
    }
    if (chance(LATE_REPLY_CHANCE)) {
      // The buyer asks once more and an agent answers only after the reply timeout: the turn stays
      // unanswered, the answer is the conversation's first response if this is its first turn.
      // Both keep well inside the session gap of the message before them.
      d.buyer(
          start + Rngs.between(rng, 16 * MIN, 22 * MIN),
          assignee,
          buyerText(Kind.BUYER_FOLLOW),
          false);
      int agent = assignee >= 0 ? assignee : chooseAgent();
      d.agent(
          start + rules.replyTimeoutMs() + Rngs.between(rng, 3 * MIN, 6 * MIN), agent, agentText());
    }
  }

  /** Creates an order at about {@code created}; returns the creation time, null if none fits. */
  private Long order(long created) {
    created = clearOfAnswerWindows(created);
    if (created >= horizonEnd - 10 * MIN) {
      return null;
    }
    OrderPlan plan =
        new OrderPlan(
            ++orderCount,
            Rngs.between(rng, 9, 900) * 100 + (chance(0.5) ? 90 : 0),
            Texts.pick(rng, shop.lang, Kind.REFUND_REASON));
    plan.at(OrderStatus.CREATED, created);
    if (chance(0.85)) {
      long paid = clearOfAnswerWindows(created + paymentDelay());
      if (paid < horizonEnd) {
        plan.at(OrderStatus.PAID, paid);
        fulfil(plan, paid);
      }
    } else if (chance(0.5)) {
      atIfWithin(plan, OrderStatus.CANCELLED, created + Rngs.between(rng, 24 * HOUR, 47 * HOUR));
    }
    timeline.order(plan);
    critical.add(created + rules.inquiryValidityMs());
    critical.add(plan.followUpEnd(rules));
    return created;
  }

  private long paymentDelay() {
    double p = rng.nextDouble();
    if (p < 0.6) {
      return Rngs.between(rng, MIN, 30 * MIN);
    } else if (p < 0.85) {
      return Rngs.between(rng, HOUR, 20 * HOUR);
    }
    return Rngs.between(rng, 24 * HOUR, 36 * HOUR);
  }

  /** Shipping, delivery, completion; or a refund request and the (full) refund instead. */
  private void fulfil(OrderPlan plan, long paid) {
    long shipped = paid + Rngs.between(rng, 2 * HOUR, 24 * HOUR);
    long delivered = shipped + Rngs.between(rng, 24 * HOUR, 60 * HOUR);
    long completed = delivered + Rngs.between(rng, 24 * HOUR, 72 * HOUR);
    long requested = Long.MAX_VALUE;
    if (chance(0.1)) {
      requested = paid + Rngs.between(rng, HOUR, 30 * HOUR);
      if (atIfWithin(plan, OrderStatus.REFUND_REQUESTED, requested)) {
        atIfWithin(plan, OrderStatus.REFUNDED, requested + Rngs.between(rng, HOUR, 20 * HOUR));
      }
    }
    if (shipped < requested) {
      atIfWithin(plan, OrderStatus.SHIPPED, shipped);
    }
    if (delivered < requested) {
      atIfWithin(plan, OrderStatus.DELIVERED, delivered);
    }
    if (completed < requested) {
      atIfWithin(plan, OrderStatus.COMPLETED, completed);
    }
  }

  private boolean atIfWithin(OrderPlan plan, OrderStatus status, long ts) {
    if (ts < horizonEnd) {
      plan.at(status, ts);
      return true;
    }
    return false;
  }

  /**
   * Moves an order instant off every edge that decides attribution or conversion: an earlier
   * answer's validity end and local midnight (paid-by-next-day).
   */
  private long clearOfAnswerWindows(long ts) {
    for (int i = 0; i < 100 && blocked(ts); i++) {
      ts += 11 * MIN;
    }
    return ts;
  }

  private boolean blocked(long ts) {
    if (clock.nearMidnight(ts, WINDOW_MARGIN)) {
      return true;
    }
    for (BuyerTimeline.AgentMessage m : timeline.agentMessages) {
      if (Math.abs(ts - (m.ts() + rules.inquiryValidityMs())) < WINDOW_MARGIN
          || Math.abs(ts - m.ts()) < WINDOW_MARGIN) {
        return true;
      }
    }
    return false;
  }

  /** The agent who served this buyer before (60 %), else anyone: hand-offs over days. */
  private int chooseAgent() {
    if (preferredAgent >= 0 && chance(0.6)) {
      return preferredAgent;
    }
    return rng.nextInt(shop.agents());
  }

  private int otherAgent(int agent) {
    if (agent < 0 || shop.agents() == 1) {
      return rng.nextInt(shop.agents());
    }
    return (agent + 1 + rng.nextInt(shop.agents() - 1)) % shop.agents();
  }

  private int buyerText(Kind kind) {
    return Texts.pick(rng, shop.lang, chance(uncivilRate) ? Kind.UNCIVIL_BUYER : kind);
  }

  private int agentText() {
    return Texts.pick(rng, shop.lang, chance(uncivilRate) ? Kind.UNCIVIL_AGENT : Kind.AGENT);
  }

  /** {@code count} distinct whole seconds in [from, to], ascending. */
  private long[] distinctSeconds(int count, int from, int to) {
    long[] picked = new long[count];
    int filled = 0;
    while (filled < count) {
      long s = from + rng.nextInt(to - from + 1);
      boolean seen = false;
      for (int i = 0; i < filled; i++) {
        seen |= picked[i] == s;
      }
      if (!seen) {
        picked[filled++] = s;
      }
    }
    Arrays.sort(picked);
    return picked;
  }

  private boolean chance(double p) {
    return Rngs.chance(rng, p);
  }

  /** An index drawn with the given relative weights. */
  private int weighted(int... weights) {
    int total = Arrays.stream(weights).sum();
    int r = rng.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
