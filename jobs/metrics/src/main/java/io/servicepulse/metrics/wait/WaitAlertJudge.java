// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.wait;

import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.ChatEvent;
import io.servicepulse.metrics.turn.TrackerState;
import io.servicepulse.metrics.turn.TurnDerivation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.OutputTag;

/**
 * Waiting-buyer alerts for one (shop, buyer) ({@link WaitAlerts}), judged by the turn tracker on
 * its own buffered messages, so one state and one shuffle serve turns and alerts. <b>Live</b> — the
 * buyer's newest message at most {@code events.allowed-lateness} behind the wall clock — it judges
 * at the wall clock with processing-time timers, so an alert leaves within {@link #TICK_MS} of its
 * threshold (the timers are coalesced to that tick); the watermark lags by the out-of-orderness
 * bound and would delay it by as much. On a replay or a backlog it judges at the watermark with
 * event-time timers, so the alerts are those of the in-order stream. Either way a later message
 * that changes the picture (the answer of an alerted turn, an older buyer message) sends the
 * difference: an update or a retraction, by version. The alerts of a settled conversation are
 * forgotten as they were last sent.
 */
public final class WaitAlertJudge {

  /** The granularity of the live (processing-time) timers. */
  public static final long TICK_MS = 100;

  public static final OutputTag<WaitAlert> ALERTS =
      new OutputTag<>("wait-alerts", TypeInformation.of(WaitAlert.class));

  private final MetricsSettings settings;
  private final WaitAlerts alerts;
  private final TurnDerivation derivation;

  /** Where releases until 2026-12-03 kept the alerts sent; read once per restored buyer. */
  private final MapState<String, WaitAlert> released;

  public WaitAlertJudge(MetricsSettings settings, MapState<String, WaitAlert> released) {
    this.settings = settings;
    this.alerts = new WaitAlerts(settings);
    this.derivation = new TurnDerivation(settings);
    this.released = released;
  }

  /** The alerts sent and not yet forgotten, by alert id, as releases until 2026-12-03 kept them. */
  public static MapStateDescriptor<String, WaitAlert> releasedState() {
    return new MapStateDescriptor<>(
        "wait-alerts-emitted", Types.STRING, TypeInformation.of(WaitAlert.class));
  }

  /**
   * Moves a restored buyer's alerts from the state of earlier releases into {@link
   * TrackerState#emittedAlerts}; once per buyer.
   */
  public void adopt(TrackerState s) throws Exception {
    for (Map.Entry<String, WaitAlert> e : released.entries()) {
      s.emittedAlerts.add(stored(e.getValue()));
    }
    released.clear();
    s.alertsInState = true;
  }

  /**
   * A new message is in the state: it can open or answer a turn once the clock reaches it. Returns
   * whether the alerts can have changed already: not for a message after the buyer's now (the
   * common case of a replay, where now is the watermark), unless it made the buyer live.
   */
  public boolean arrived(TrackerState s, ChatEvent event, TimerService timers) {
    long wall = timers.currentProcessingTime();
    boolean live = isLive(s, wall);
    long first = settings.waitAlerts().of(s.platform, s.shopId)[0];
    long reached =
        event.role == ChatEvent.BUYER && !event.noReplyNeeded ? event.ts + first + 1 : event.ts;
    // In event time the tracker wakes up when the watermark passes the message, and judges then.
    // A live message whose time has come is judged at once (the tracker derives on arrival), and
    // judging sets the next wake-up: a timer for it would only derive the same again.
    if (live && reached > wall) {
      timers.registerProcessingTimeTimer(tick(reached));
    }
    int n = s.events.size();
    boolean wasLive =
        s.events.get(n - 1) != event
            ? live
            : n > 1 && wall - s.events.get(n - 2).ts <= settings.allowedLatenessMs();
    return live != wasLive || event.ts <= now(live, timers.currentWatermark(), wall);
  }

  /**
   * The buyer's now: the wall clock for a live buyer (newest message at most the allowed lateness
   * behind it), else the watermark; never before the watermark.
   */
  public long now(TrackerState s, TimerService timers) {
    long wall = timers.currentProcessingTime();
    return now(isLive(s, wall), timers.currentWatermark(), wall);
  }

  /**
   * Sends what changed at the buyer's now, and returns the time of the next possible change
   * (MAX_VALUE if none) for the tracker's event-time timer; a live buyer also gets a
   * processing-time timer then. {@code derived}: the conversations the tracker has just derived at
   * {@code derivedAt}, or null; when that is now they are the ones the alerts need.
   */
  public long judge(
      TrackerState s,
      TimerService timers,
      List<TurnDerivation.Conversation> derived,
      long derivedAt,
      Consumer<WaitAlert> out)
      throws Exception {
    long watermark = timers.currentWatermark();
    long wall = timers.currentProcessingTime();
    boolean live = isLive(s, wall);
    long now = now(live, watermark, wall);
    WaitAlerts.Judgement judgement =
        now == derivedAt && derived != null
            ? alerts.at(s, now, derived)
            : alerts.at(s, now, derivation.derive(s, now));
    Map<String, WaitAlert> due = judgement.due();
    if (!due.isEmpty() || !s.emittedAlerts.isEmpty()) {
      send(s, due, wall, out);
    }
    if (live && judgement.nextChange() != Long.MAX_VALUE) {
      timers.registerProcessingTimeTimer(tick(judgement.nextChange()));
    }
    return judgement.nextChange();
  }

  /**
   * Sends the due alerts that are new or changed and retracts the sent ones no longer due; called
   * only when there is one or the other (most messages have neither).
   */
  private static void send(
      TrackerState s, Map<String, WaitAlert> due, long wall, Consumer<WaitAlert> out) {
    Map<String, WaitAlert> emitted = new HashMap<>();
    for (WaitAlert a : s.emittedAlerts) {
      emitted.put(a.alertId(), a);
    }
    boolean changed = false;
    for (Map.Entry<String, WaitAlert> e : due.entrySet()) {
      WaitAlert previous = emitted.get(e.getKey());
      WaitAlert alert = e.getValue();
      if (alert.sameAs(previous)) {
        continue;
      }
      alert.version = s.nextVersion(previous == null ? 0 : previous.version);
      alert.emittedMs = wall;
      out.accept(alert);
      emitted.put(e.getKey(), stored(alert));
      changed = true;
    }
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, WaitAlert> e : emitted.entrySet()) {
      if (!due.containsKey(e.getKey())) {
        gone.add(e.getKey());
      }
    }
    for (String id : gone) {
      WaitAlert retraction = withKey(s, emitted.remove(id));
      retraction.retracted = true;
      retraction.version = s.nextVersion(retraction.version);
      retraction.emittedMs = wall;
      out.accept(retraction);
      changed = true;
    }
    if (changed) {
      s.emittedAlerts = new ArrayList<>(emitted.values());
    }
  }

  /** The buyer's conversations up to {@code lastSettledTs} settled: their alerts stay as sent. */
  public void forgetSettled(TrackerState s, long lastSettledTs) {
    s.emittedAlerts.removeIf(a -> a.turnStartMs <= lastSettledTs);
  }

  /**
   * What the state keeps of a sent alert: no shop, buyer or platform (the state holds those once),
   * no emission time (a retraction gets its own).
   */
  private static WaitAlert stored(WaitAlert sent) {
    WaitAlert a = sent.copy();
    a.shopId = null;
    a.buyerId = null;
    a.platform = null;
    a.emittedMs = 0;
    return a;
  }

  private static WaitAlert withKey(TrackerState s, WaitAlert stored) {
    WaitAlert a = stored.copy();
    a.shopId = s.shopId;
    a.buyerId = s.buyerId;
    a.platform = s.platform;
    return a;
  }

  /**
   * {@code t} rounded up to the next {@link #TICK_MS}: Flink wakes the task once per distinct
   * processing-time timer, through a scheduler thread and the mailbox, so one timer per live
   * message at its own millisecond cost a fifth of the tracker's thread at 14 k messages/s (JFR).
   * Coalesced, a live alert or provisional turn leaves at most {@link #TICK_MS} later.
   */
  static long tick(long t) {
    return t >= Long.MAX_VALUE - TICK_MS ? t : Math.floorDiv(t + TICK_MS - 1, TICK_MS) * TICK_MS;
  }

  private static long now(boolean live, long watermark, long wall) {
    return live ? Math.max(wall, watermark) : watermark;
  }

  private boolean isLive(TrackerState s, long wall) {
    long newest = s.events.get(s.events.size() - 1).ts;
    return wall - newest <= settings.allowedLatenessMs();
  }
}
