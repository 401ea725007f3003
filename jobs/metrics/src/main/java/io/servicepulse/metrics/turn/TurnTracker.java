// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.LateEvents;
import io.servicepulse.common.flink.CompactStateTypeInfo;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.aggregate.MinuteContribution;
import io.servicepulse.metrics.aggregate.MinuteContributionSerializer;
import io.servicepulse.metrics.wait.WaitAlertJudge;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Follows one (shop, buyer) in event time and emits its turns (main output), what conversations and
 * agent messages add to the minute aggregates ({@link #CONTRIBUTIONS}), and the buyer's waiting
 * alerts ({@link WaitAlertJudge#ALERTS}, judged on the same buffered messages).
 *
 * <p>Messages are held until the watermark passes them, then turns are derived from the whole
 * buffered conversation in (ts, event_id) order ({@link TurnDerivation}), so the result is the
 * in-order result whatever the arrival order. A message up to {@code events.allowed-lateness}
 * behind the watermark is inserted and the conversation re-derived; what changed is retracted and
 * re-sent. Older messages become dead letters (stage 'late'). A repeated event_id is dropped while
 * its conversation is buffered; after that it is older than the allowed lateness and dead-lettered.
 *
 * <p>One event-time timer per buyer, at the earliest of: the first held message's timestamp, the
 * open turn's reply timeout, the conversation's end (session gap) and its settlement (end plus
 * allowed lateness), when the conversation's messages, emitted facts and alerts are dropped; and
 * the alerts' own times. State of an idle buyer is empty.
 */
public final class TurnTracker extends KeyedProcessFunction<String, ChatMessage, TurnFact> {

  public static final OutputTag<MinuteContribution> CONTRIBUTIONS =
      new OutputTag<>("minute-contributions", MinuteContributionSerializer.TYPE);

  private final String job;
  private final MetricsSettings settings;
  private transient TurnDerivation derivation;
  private transient ValueState<TrackerState> state;
  private transient WaitAlertJudge waitAlerts;
  private transient Counter duplicates;
  private transient Counter corrections;

  public TurnTracker(String job, MetricsSettings settings) {
    this.job = job;
    this.settings = settings;
  }

  /** The tracker's state type: a compact serializer (the POJO serializer's is ~3x the bytes). */
  public static TypeInformation<TrackerState> stateType() {
    return CompactStateTypeInfo.of(TrackerState.class, TrackerStateSerializer::new);
  }

  @Override
  public void open(OpenContext openContext) {
    derivation = new TurnDerivation(settings);
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("turn-tracker", stateType()));
    waitAlerts =
        new WaitAlertJudge(
            settings, getRuntimeContext().getMapState(WaitAlertJudge.releasedState()));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    corrections = getRuntimeContext().getMetricGroup().counter("correctedFacts");
  }

  @Override
  public void processElement(ChatMessage m, Context ctx, Collector<TurnFact> out) throws Exception {
    long ts = m.getTs().toEpochMilli();
    long watermark = ctx.timerService().currentWatermark();
    if (LateEvents.isLate(ts, watermark, Duration.ofMillis(settings.allowedLatenessMs()))) {
      ctx.output(DeadLetters.TAG, LateEvents.letter(job, m.getEventId(), ts, watermark, m));
      return;
    }
    TrackerState s = restored(state.value());
    if (s == null) {
      s = new TrackerState(m.getShopId(), m.getBuyerId(), m.getPlatform());
    } else if (s.contains(m.getEventId())) {
      duplicates.inc();
      return;
    }
    ChatEvent event = ChatEvent.of(m, settings.noReplyNeeded());
    s.insert(event);
    if (event.role == ChatEvent.AGENT) {
      ctx.output(
          CONTRIBUTIONS,
          MinuteContribution.ofAgentMessage(
              event.eventId, s.shopId, event.teamId, event.agentId, ts));
    }
    boolean alertsMayChange = waitAlerts.arrived(s, event, ctx.timerService());
    if (ts <= watermark) {
      // Late but inside the allowed lateness: correct what was already derived.
      conclude(s, derive(s, watermark, ctx, out), ctx);
    } else if (ts <= waitAlerts.now(s, ctx.timerService())) {
      // A live buyer: decide at the wall clock now (provisional), the watermark confirms later.
      conclude(s, derive(s, watermark, ctx, out), ctx);
    } else {
      // Held until the watermark passes it.
      wakeBy(s, ts, ctx);
      if (alertsMayChange) {
        conclude(s, null, ctx);
      } else {
        state.update(s);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TurnFact> out)
      throws Exception {
    TrackerState s = restored(state.value());
    if (s == null) {
      return;
    }
    Derived derived = null;
    long watermark = ctx.timerService().currentWatermark();
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
      // Several timers of one key fire for one watermark step; once is enough.
      if (s.derivedAtWatermark == watermark) {
        return;
      }
      derived = derive(s, watermark, ctx, out);
    } else if (waitAlerts.now(s, ctx.timerService()) > Math.max(watermark, s.decidedUntil)) {
      // A live buyer's reply timeout or alert time on the wall clock: decide provisionally.
      derived = derive(s, watermark, ctx, out);
    }
    conclude(s, derived, ctx);
  }

  /** A buyer's state; one restored from a release until 2026-12-03 adopts its alerts first. */
  private TrackerState restored(TrackerState s) throws Exception {
    if (s != null && !s.alertsInState) {
      waitAlerts.adopt(s);
      // At once: some paths below return without writing the state back.
      state.update(s);
    }
    return s;
  }

  /**
   * The conversations as decided at {@code at}, and how many held messages belong to settled ones.
   */
  private record Derived(
      List<TurnDerivation.Conversation> conversations, long at, int settledEvents, long wakeAt) {}

  /**
   * Judges the alerts on every message still held, then drops the messages of settled
   * conversations, and keeps or clears the state. {@code derived}: null if not derived now.
   */
  private void conclude(TrackerState s, Derived derived, Context ctx) throws Exception {
    long alertsChange =
        waitAlerts.judge(
            s,
            ctx.timerService(),
            derived == null ? null : derived.conversations(),
            derived == null ? Long.MIN_VALUE : derived.at(),
            alert -> ctx.output(WaitAlertJudge.ALERTS, alert));
    int settledEvents = derived == null ? 0 : derived.settledEvents();
    if (settledEvents > 0) {
      waitAlerts.forgetSettled(s, s.events.get(settledEvents - 1).ts);
      s.events.subList(0, settledEvents).clear();
    }
    if (s.events.isEmpty()) {
      setWakeUp(s, Long.MAX_VALUE, ctx);
      state.clear();
      return;
    }
    if (derived != null) {
      setWakeUp(s, Math.min(derived.wakeAt(), alertsChange), ctx);
    } else {
      wakeBy(s, alertsChange, ctx);
    }
    state.update(s);
  }

  /**
   * One event-time timer per buyer, at the earliest time anything can change (a held message, a
   * reply timeout, a conversation's end or settlement, an alert), instead of one per message and
   * purpose: each timer is a key and a timestamp in every checkpoint. Every firing derives again
   * and sets the next one, so an earlier timer replaces a later one without losing it.
   */
  private void setWakeUp(TrackerState s, long at, Context ctx) {
    if (at == s.wakeUpAt) {
      return;
    }
    if (s.wakeUpAt != Long.MIN_VALUE && s.wakeUpAt != Long.MAX_VALUE) {
      ctx.timerService().deleteEventTimeTimer(s.wakeUpAt);
    }
    if (at != Long.MAX_VALUE) {
      ctx.timerService().registerEventTimeTimer(at);
    }
    s.wakeUpAt = at;
  }

  /** Brings the wake-up forward to {@code at} if that is earlier (not derived now). */
  private void wakeBy(TrackerState s, long at, Context ctx) {
    long current = s.wakeUpAt;
    if (current == Long.MIN_VALUE || current <= ctx.timerService().currentWatermark()) {
      current = Long.MAX_VALUE; // unknown (restored) or already fired
    }
    if (at < current) {
      setWakeUp(s, at, ctx);
    }
  }

  /**
   * Derives and emits what changed; the facts of settled conversations are forgotten, their
   * messages dropped by the caller. Decided at the watermark, or for a live buyer at the wall clock
   * (provisional: a message the watermark has not passed yet may still change it, and then the
   * change is sent as a correction), and never at an earlier time than before. Only the watermark
   * settles a conversation.
   */
  private Derived derive(TrackerState s, long watermark, Context ctx, Collector<TurnFact> out)
      throws Exception {
    long at = Math.max(watermark, Math.max(s.decidedUntil, waitAlerts.now(s, ctx.timerService())));
    List<TurnDerivation.Conversation> conversations = derivation.derive(s, at);
    emitTurnChanges(s, conversations, out);
    emitConversationChanges(s, conversations, ctx);
    int settled = 0;
    int settledEvents = 0;
    long wakeAt = firstHeldAfter(s, watermark);
    for (TurnDerivation.Conversation c : conversations) {
      if (watermark >= c.settleAtMs()) {
        forget(s, c);
        settled++;
        settledEvents = c.to();
      } else {
        wakeAt = Math.min(wakeAt, nextChange(c, watermark));
      }
    }
    s.derivedAtWatermark = watermark;
    s.decidedUntil = at;
    return new Derived(conversations, at, settled > 0 ? settledEvents : 0, wakeAt);
  }

  /** The time of the first message the watermark has not passed; MAX_VALUE if none. */
  private static long firstHeldAfter(TrackerState s, long watermark) {
    long first = Long.MAX_VALUE;
    for (int i = s.events.size() - 1; i >= 0 && s.events.get(i).ts > watermark; i--) {
      first = s.events.get(i).ts;
    }
    return first;
  }

  private void emitTurnChanges(
      TrackerState s, List<TurnDerivation.Conversation> conversations, Collector<TurnFact> out) {
    // The turns sent before this derivation, looked up by id: scanned for the usual few, a map
    // for a long conversation that re-derives many turns per watermark step.
    TurnFact[] before = s.emittedTurns.toArray(new TurnFact[0]);
    Map<String, TurnFact> byId = before.length > SCANNED ? byId(before) : null;
    int derived = 0;
    for (TurnDerivation.Conversation c : conversations) {
      for (TurnFact turn : c.turns()) {
        derived++;
        TurnFact previous = byId != null ? byId.get(turn.turnId) : lastWithId(before, turn.turnId);
        if (previous != null && previous.sameContent(turn)) {
          continue;
        }
        if (previous != null) {
          retract(s, previous, out);
        }
        turn.version = s.nextVersion(0);
        out.collect(turn);
        s.emittedTurns.add(TrackerState.withoutKey(turn));
      }
    }
    // Each derived turn is sent once (ids are unique): more sent ones are stale.
    if (derived < s.emittedTurns.size()) {
      Set<String> current = new HashSet<>();
      for (TurnDerivation.Conversation c : conversations) {
        for (TurnFact turn : c.turns()) {
          current.add(turn.turnId);
        }
      }
      for (TurnFact previous : List.copyOf(s.emittedTurns)) {
        if (!current.contains(previous.turnId)) {
          retract(s, previous, out);
        }
      }
    }
  }

  /** Up to this many sent turns are looked up by scanning them. */
  private static final int SCANNED = 16;

  private static Map<String, TurnFact> byId(TurnFact[] turns) {
    Map<String, TurnFact> byId = new HashMap<>(2 * turns.length);
    for (TurnFact t : turns) {
      byId.put(t.turnId, t);
    }
    return byId;
  }

  /** The last of {@code turns} with this id, as a map filled in order would hold. */
  private static TurnFact lastWithId(TurnFact[] turns, String turnId) {
    for (int i = turns.length - 1; i >= 0; i--) {
      if (turns[i].turnId.equals(turnId)) {
        return turns[i];
      }
    }
    return null;
  }

  /** Sends the retraction of an emitted turn and forgets it. */
  private void retract(TrackerState s, TurnFact previous, Collector<TurnFact> out) {
    s.emittedTurns.remove(previous);
    TurnFact retraction = s.withKey(previous);
    retraction.retracted = true;
    retraction.version = s.nextVersion(previous.version);
    out.collect(retraction);
    corrections.inc();
  }

  private void emitConversationChanges(
      TrackerState s, List<TurnDerivation.Conversation> conversations, Context ctx) {
    int derived = 0;
    for (TurnDerivation.Conversation c : conversations) {
      ConversationFact fact = c.fact();
      if (fact == null) {
        continue;
      }
      derived++;
      ConversationFact previous = s.emittedConversation(fact.conversationId);
      if (previous != null && previous.sameContent(fact)) {
        continue;
      }
      if (previous != null) {
        retract(s, previous, ctx);
      }
      ctx.output(CONTRIBUTIONS, MinuteContribution.ofConversation(fact, false));
      s.emittedConversations.add(fact);
    }
    // Each derived conversation is sent once (ids are unique): more sent ones are stale.
    if (derived < s.emittedConversations.size()) {
      Set<String> current = new HashSet<>();
      for (TurnDerivation.Conversation c : conversations) {
        if (c.fact() != null) {
          current.add(c.fact().conversationId);
        }
      }
      for (ConversationFact previous : List.copyOf(s.emittedConversations)) {
        if (!current.contains(previous.conversationId)) {
          retract(s, previous, ctx);
        }
      }
    }
  }

  private void retract(TrackerState s, ConversationFact previous, Context ctx) {
    s.emittedConversations.remove(previous);
    ctx.output(CONTRIBUTIONS, MinuteContribution.ofConversation(previous, true));
    corrections.inc();
  }

  /** Drops a settled conversation's facts. */
  private static void forget(TrackerState s, TurnDerivation.Conversation c) {
    for (TurnFact turn : c.turns()) {
      s.emittedTurns.removeIf(t -> t.turnId.equals(turn.turnId));
    }
    if (c.fact() != null) {
      s.emittedConversations.removeIf(f -> f.conversationId.equals(c.fact().conversationId));
    }
  }

  /** The next time an unsettled conversation changes: reply timeout, end or settlement. */
  private long nextChange(TurnDerivation.Conversation c, long watermark) {
    long next = c.settleAtMs();
    if (c.hasOpenTurn()) {
      next = Math.min(next, c.openTurnStart() + settings.replyTimeoutMs());
    }
    long end = c.lastTs() + settings.sessionGapMs();
    if (end > watermark) {
      next = Math.min(next, end);
    }
    return next;
  }
}
