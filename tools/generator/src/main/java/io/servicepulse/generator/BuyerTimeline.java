// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records one (shop, buyer)'s scenario as it is constructed, in time order: the planned events and,
 * alongside, the facts the ground truth is computed from (turns, conversations, agent messages,
 * orders). Turns are known by construction: a buyer message with no open turn opens one, the next
 * AGENT message answers it, BOT and SYSTEM messages never do.
 *
 * <p>It refuses input that would make the truth ambiguous (gaps near the session gap, response
 * times near a threshold), so a scenario bug fails loudly instead of producing wrong truth.
 */
final class BuyerTimeline {

  /** Distance every response time keeps from every threshold the jobs compare with. */
  static final long THRESHOLD_MARGIN_MS = 2_000;

  /** One turn (一次咨询). */
  static final class Turn {
    final int conversation;
    final boolean firstOfConversation;
    final long start;
    int latestRoutedAgent = -1;
    int answerer = -1;
    long answerTs = -1;

    /** A bot message came while the turn waited. */
    boolean botReplied;

    /** An agent's answer after the reply timeout (the turn stays unanswered); -1 if none. */
    long lateAnswerTs = -1;

    Turn(int conversation, boolean firstOfConversation, long start) {
      this.conversation = conversation;
      this.firstOfConversation = firstOfConversation;
      this.start = start;
    }

    boolean answered() {
      return answerer >= 0;
    }

    long responseMs() {
      return answerTs - start;
    }

    /** The answering agent; an unanswered turn: the agent of its latest routed message or -1. */
    int creditedAgent() {
      return answered() ? answerer : latestRoutedAgent;
    }
  }

  /** One agent message: who answered the buyer when (attribution's raw material). */
  record AgentMessage(long ts, int agent) {}

  /** An uncivil message, for the QA truth. */
  record Uncivil(String eventId, SenderRole role, int agent, int text) {}

  final BuyerKey buyer;
  private final MetricRules rules;
  final List<PlannedEvent> events = new ArrayList<>();
  final List<Turn> turns = new ArrayList<>();
  final List<AgentMessage> agentMessages = new ArrayList<>();
  final List<OrderPlan> orders = new ArrayList<>();
  final List<Uncivil> uncivil = new ArrayList<>();
  int conversations;
  int civilAgentMessages;

  private int messageSeq;
  private Turn openTurn;
  private boolean inConversation;
  private boolean conversationEmpty;
  private long lastChatTs = Long.MIN_VALUE;

  BuyerTimeline(BuyerKey buyer, MetricRules rules) {
    this.buyer = buyer;
    this.rules = rules;
  }

  void startConversation(long firstTs) {
    check(!inConversation, "conversation already open");
    check(
        lastChatTs == Long.MIN_VALUE || firstTs - lastChatTs > rules.sessionGapMs() + 5 * 60_000,
        "conversations must be separated by well over the session gap");
    inConversation = true;
    conversationEmpty = true;
    conversations++;
  }

  /**
   * The source system starts a new conversation (new conversation_id) inside the session gap; only
   * between turns.
   */
  void newSourceConversation() {
    check(inConversation && openTurn == null, "a source conversation starts between turns");
    conversations++;
  }

  void buyer(long ts, int routedAgent, int text) {
    message(ts, SenderRole.BUYER, routedAgent, text);
    if (openTurn == null && Texts.get(text).kind() == Texts.Kind.BUYER_ACK) {
      return; // thanks or OK: needs no reply, opens no turn
    }
    if (openTurn == null) {
      openTurn = new Turn(conversations, lastTurnConversation() != conversations, ts);
      turns.add(openTurn);
    }
    if (routedAgent >= 0) {
      openTurn.latestRoutedAgent = routedAgent;
    }
  }

  void agent(long ts, int agent, int text) {
    check(agent >= 0, "an agent message needs an agent");
    message(ts, SenderRole.AGENT, agent, text);
    agentMessages.add(new AgentMessage(ts, agent));
    if (openTurn != null && ts - openTurn.start > rules.replyTimeoutMs()) {
      check(
          ts - openTurn.start > rules.replyTimeoutMs() + THRESHOLD_MARGIN_MS,
          "a late answer must be well after the reply timeout");
      openTurn.lateAnswerTs = ts;
      openTurn = null;
    }
    if (openTurn != null) {
      long response = ts - openTurn.start;
      checkResponse(response);
      openTurn.answerer = agent;
      openTurn.answerTs = ts;
      openTurn = null;
    }
  }

  void bot(long ts, int agent, int text) {
    message(ts, SenderRole.BOT, agent, text);
    if (openTurn != null) {
      openTurn.botReplied = true;
    }
  }

  void system(long ts, int text) {
    message(ts, SenderRole.SYSTEM, -1, text);
  }

  void endConversation() {
    check(inConversation, "no conversation open");
    inConversation = false;
    openTurn = null;
  }

  void order(OrderPlan plan) {
    orders.add(plan);
    for (Map.Entry<OrderStatus, Long> e : plan.times().entrySet()) {
      boolean refund =
          e.getKey() == OrderStatus.REFUND_REQUESTED || e.getKey() == OrderStatus.REFUNDED;
      events.add(
          new PlannedEvent(
              buyer,
              PlannedEvent.Type.ORDER,
              e.getValue(),
              plan.number,
              e.getKey().ordinal(),
              -1,
              refund ? plan.refundReasonText : -1,
              0,
              plan.amountCents));
    }
  }

  private void message(long ts, SenderRole role, int agent, int text) {
    check(inConversation, "message outside a conversation");
    check(ts > lastChatTs, "messages must have strictly increasing timestamps");
    check(
        lastChatTs == Long.MIN_VALUE
            || ts - lastChatTs < rules.sessionGapMs() - 5 * 60_000
            || conversationEmpty,
        "gap inside a conversation too close to the session gap");
    lastChatTs = ts;
    conversationEmpty = false;
    int seq = ++messageSeq;
    events.add(
        new PlannedEvent(
            buyer, PlannedEvent.Type.CHAT, ts, seq, role.ordinal(), agent, text, conversations, 0));
    Texts.Text t = Texts.get(text);
    if (t.uncivil()) {
      uncivil.add(new Uncivil(buyer.chatEventId(seq), role, agent, text));
    } else if (role == SenderRole.AGENT) {
      civilAgentMessages++;
    }
  }

  private int lastTurnConversation() {
    return turns.isEmpty() ? -1 : turns.get(turns.size() - 1).conversation;
  }

  private void checkResponse(long response) {
    check(
        response > 0 && response < rules.replyTimeoutMs() - 5 * 60_000,
        "response must be well inside the reply timeout");
    for (long threshold : ResponseTimes.thresholds(rules)) {
      check(
          Math.abs(response - threshold) >= THRESHOLD_MARGIN_MS,
          "response " + response + " ms too close to threshold " + threshold);
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("ambiguous scenario: " + message);
    }
  }
}
