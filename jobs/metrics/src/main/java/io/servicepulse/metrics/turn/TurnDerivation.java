// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import io.servicepulse.metrics.MetricsSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives turns and conversations from one buyer's messages, as of a watermark: the whole crediting
 * contract of DESIGN.md "Metric definitions" in one pure function. Only messages the watermark has
 * passed take part, and a turn is reported once it is decided (answered, or past its reply timeout
 * or its conversation's end), so the result depends on the set of messages and the watermark, never
 * on their arrival order.
 */
public final class TurnDerivation {

  /** One conversation: messages [from, to) of the input, its decided turns and its fact. */
  public record Conversation(
      int from,
      int to,
      long lastTs,
      long openTurnStart,
      OpenTurnView openTurn,
      List<TurnFact> turns,
      ConversationFact fact,
      long settleAtMs) {

    public boolean hasOpenTurn() {
      return openTurnStart != Long.MIN_VALUE;
    }
  }

  /** The turn still waiting for an answer: its id and the agent its buyer is routed to. */
  public record OpenTurnView(String turnId, long startMs, String agentId, String teamId) {}

  private final MetricsSettings settings;

  public TurnDerivation(MetricsSettings settings) {
    this.settings = settings;
  }

  /** Conversations of {@code state.events} up to {@code watermark}, oldest first. */
  public List<Conversation> derive(TrackerState state, long watermark) {
    List<ChatEvent> events = state.events;
    List<Conversation> conversations = new ArrayList<>();
    int from = 0;
    while (from < events.size() && events.get(from).ts <= watermark) {
      int to = from + 1;
      while (to < events.size()
          && events.get(to).ts <= watermark
          && !endsBetween(events.get(to - 1), events.get(to))) {
        to++;
      }
      boolean followed = to < events.size() && events.get(to).ts <= watermark;
      conversations.add(conversation(state, from, to, followed, watermark));
      from = to;
    }
    return conversations;
  }

  /**
   * A gap longer than the session gap ends a conversation; so does a change of the source's
   * conversation id ({@code metrics.conversations-from}).
   */
  private boolean endsBetween(ChatEvent previous, ChatEvent next) {
    return next.ts - previous.ts > settings.sessionGapMs()
        || (settings.conversationIdSplits() && previous.otherConversationThan(next));
  }

  /** {@code followed}: a later conversation has begun, so this one has ended. */
  private Conversation conversation(
      TrackerState state, int from, int to, boolean followed, long watermark) {
    List<ChatEvent> events = state.events;
    String conversationId = events.get(from).eventId;
    long lastTs = events.get(to - 1).ts;
    boolean ended = followed || watermark >= lastTs + settings.sessionGapMs();
    List<TurnFact> turns = new ArrayList<>();
    OpenTurn open = null;
    // A timed-out turn keeps absorbing buyer messages until a human answers (same turn, DESIGN.md).
    boolean absorbing = false;
    long firstTurnStart = Long.MIN_VALUE;
    long firstResponseMs = -1;
    for (int i = from; i < to; i++) {
      ChatEvent e = events.get(i);
      if (open != null && e.ts > open.start.ts + settings.replyTimeoutMs()) {
        turns.add(open.unanswered(state, conversationId, turns.isEmpty()));
        open = null;
        absorbing = true;
      }
      boolean answers =
          e.role == ChatEvent.AGENT || (e.role == ChatEvent.BOT && settings.botsAnswer());
      if (e.role == ChatEvent.BOT && open != null) {
        open.botReplied = true;
      }
      if (e.role == ChatEvent.BUYER) {
        if (open != null) {
          open.routed(e);
        } else if (!absorbing && !e.noReplyNeeded) {
          open = new OpenTurn(e);
          if (firstTurnStart == Long.MIN_VALUE) {
            firstTurnStart = e.ts;
          }
        }
      } else if (answers) {
        if (firstTurnStart != Long.MIN_VALUE && firstResponseMs < 0) {
          firstResponseMs = e.ts - firstTurnStart;
        }
        if (open != null) {
          turns.add(open.answered(state, conversationId, turns.isEmpty(), e));
          open = null;
        }
        absorbing = false;
      }
    }
    long openTurnStart = Long.MIN_VALUE;
    OpenTurnView openTurn = null;
    if (open != null) {
      if (ended || watermark >= open.start.ts + settings.replyTimeoutMs()) {
        turns.add(open.unanswered(state, conversationId, turns.isEmpty()));
      } else {
        openTurnStart = open.start.ts;
        openTurn =
            new OpenTurnView(
                open.start.eventId,
                open.start.ts,
                open.latestRouted == null ? "" : open.latestRouted.agentId,
                open.latestRouted == null ? "" : orEmpty(open.latestRouted.teamId));
      }
    }
    long settleAt = lastTs + settings.sessionGapMs() + settings.allowedLatenessMs();
    ConversationFact fact = conversationFact(state, conversationId, turns, watermark, settleAt);
    if (fact != null && !turns.get(0).answered && firstResponseMs >= 0) {
      fact.firstResponseAfterTimeoutMs = firstResponseMs;
    }
    return new Conversation(from, to, lastTs, openTurnStart, openTurn, turns, fact, settleAt);
  }

  /** Known once the first turn is decided; null before, or if the conversation has no turn. */
  private static ConversationFact conversationFact(
      TrackerState state,
      String conversationId,
      List<TurnFact> turns,
      long watermark,
      long settleAt) {
    // Only the last turn can be undecided, so a decided turn here means the first one is.
    if (turns.isEmpty()) {
      return null;
    }
    TurnFact first = turns.get(0);
    ConversationFact c = new ConversationFact();
    c.conversationId = conversationId;
    c.shopId = state.shopId;
    c.teamId = first.teamId;
    c.agentId = first.agentId;
    c.firstTurnStartMs = first.startMs;
    for (TurnFact t : turns) {
      c.humanAnswered |= t.humanAnswered();
    }
    c.finalAtMs = watermark >= settleAt ? settleAt : Long.MAX_VALUE;
    return c;
  }

  /** A turn being built: its opening message and its latest routed buyer message. */
  private final class OpenTurn {
    final ChatEvent start;
    ChatEvent latestRouted;
    boolean botReplied;

    OpenTurn(ChatEvent start) {
      this.start = start;
      routed(start);
    }

    void routed(ChatEvent buyerMessage) {
      if (buyerMessage.agentId != null) {
        latestRouted = buyerMessage;
      }
    }

    TurnFact answered(TrackerState state, String conversationId, boolean first, ChatEvent answer) {
      TurnFact t = base(state, conversationId, first);
      t.agentId = orEmpty(answer.agentId);
      t.teamId = orEmpty(answer.teamId);
      t.answered = true;
      t.answeredByBot = answer.role != ChatEvent.AGENT;
      t.answerMs = answer.ts;
      t.responseMs = answer.ts - start.ts;
      t.slow = t.responseMs > settings.slowThresholdMs();
      t.withinN = !t.answeredByBot && t.responseMs <= settings.nMinuteMs();
      t.finalAtMs = settings.turnFinalAt(t.startMs, t.answerMs);
      return t;
    }

    /** Credited to the agent of the latest routed buyer message, else to the shop (""). */
    TurnFact unanswered(TrackerState state, String conversationId, boolean first) {
      TurnFact t = base(state, conversationId, first);
      t.agentId = latestRouted == null ? "" : latestRouted.agentId;
      t.teamId = latestRouted == null ? "" : orEmpty(latestRouted.teamId);
      t.answerMs = -1;
      t.responseMs = -1;
      t.finalAtMs = settings.turnFinalAt(t.startMs, -1);
      return t;
    }

    private TurnFact base(TrackerState state, String conversationId, boolean first) {
      TurnFact t = new TurnFact();
      t.turnId = start.eventId;
      t.conversationId = conversationId;
      t.shopId = state.shopId;
      t.buyerId = state.buyerId;
      t.platform = state.platform;
      t.startMs = start.ts;
      t.firstOfConversation = first;
      t.botReplied = botReplied;
      t.businessHours = settings.inBusinessHours(state.platform, state.shopId, start.ts);
      t.day = settings.day(state.shopId, start.ts);
      return t;
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
