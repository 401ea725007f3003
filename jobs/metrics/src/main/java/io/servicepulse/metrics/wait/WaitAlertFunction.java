// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.wait;

import io.servicepulse.common.decode.LateEvents;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.ChatEvent;
import io.servicepulse.metrics.turn.TrackerState;
import io.servicepulse.metrics.turn.TurnDerivation;
import io.servicepulse.metrics.turn.TurnTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Waiting-buyer alerts for one (shop, buyer) ({@link WaitAlerts}). <b>Live</b> — the buyer's newest
 * message at most {@code events.allowed-lateness} behind the wall clock — it judges at the wall
 * clock with processing-time timers, so an alert leaves within milliseconds of its threshold; the
 * watermark lags by the out-of-orderness bound and would delay it by as much. On a replay or a
 * backlog it judges at the watermark with event-time timers, so the alerts are those of the
 * in-order stream. Either way a later message that changes the picture (the answer of an alerted
 * turn, an older buyer message) sends the difference: an update or a retraction, by version.
 * Messages older than the allowed lateness are ignored here (the turn tracker dead-letters them).
 */
public final class WaitAlertFunction extends KeyedProcessFunction<String, ChatMessage, WaitAlert> {

  private final MetricsSettings settings;
  private transient WaitAlerts alerts;
  private transient TurnDerivation derivation;
  private transient ValueState<TrackerState> state;
  private transient MapState<String, WaitAlert> emitted;

  public WaitAlertFunction(MetricsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    alerts = new WaitAlerts(settings);
    derivation = new TurnDerivation(settings);
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("wait-alert-messages", TurnTracker.stateType()));
    emitted =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "wait-alerts-emitted", Types.STRING, TypeInformation.of(WaitAlert.class)));
  }

  @Override
  public void processElement(ChatMessage m, Context ctx, Collector<WaitAlert> out)
      throws Exception {
    long ts = m.getTs().toEpochMilli();
    long watermark = ctx.timerService().currentWatermark();
    if (LateEvents.isLate(ts, watermark, Duration.ofMillis(settings.allowedLatenessMs()))) {
      return;
    }
    TrackerState s = state.value();
    if (s == null) {
      s = new TrackerState(m.getShopId(), m.getBuyerId(), m.getPlatform());
    } else if (s.contains(m.getEventId())) {
      return;
    }
    ChatEvent event = ChatEvent.of(m);
    s.insert(event);
    long wall = ctx.timerService().currentProcessingTime();
    boolean live = isLive(s, wall);
    // When the watermark (or, live, the clock) reaches this message it can open or answer a turn.
    long first = settings.waitAlerts().of(s.platform, s.shopId)[0];
    long reached = event.role == ChatEvent.BUYER ? ts + first + 1 : ts;
    schedule(reached, live, ctx);
    judge(s, now(s, watermark, wall), watermark, wall, live, ctx, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<WaitAlert> out)
      throws Exception {
    TrackerState s = state.value();
    if (s == null) {
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    long wall = ctx.timerService().currentProcessingTime();
    judge(s, now(s, watermark, wall), watermark, wall, isLive(s, wall), ctx, out);
  }

  private boolean isLive(TrackerState s, long wall) {
    long newest = s.events.get(s.events.size() - 1).ts;
    return wall - newest <= settings.allowedLatenessMs();
  }

  private long now(TrackerState s, long watermark, long wall) {
    return isLive(s, wall) ? Math.max(wall, watermark) : watermark;
  }

  /** Sends what changed at {@code now}, forgets settled conversations, sets the next timers. */
  private void judge(
      TrackerState s,
      long now,
      long watermark,
      long wall,
      boolean live,
      Context ctx,
      Collector<WaitAlert> out)
      throws Exception {
    WaitAlerts.Judgement judgement = alerts.at(s, now);
    Map<String, WaitAlert> due = judgement.due();
    for (Map.Entry<String, WaitAlert> e : due.entrySet()) {
      WaitAlert previous = emitted.get(e.getKey());
      WaitAlert alert = e.getValue();
      if (alert.sameAs(previous)) {
        continue;
      }
      alert.version = s.nextVersion(previous == null ? 0 : previous.version);
      alert.emittedMs = wall;
      out.collect(alert);
      emitted.put(e.getKey(), alert);
    }
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, WaitAlert> e : emitted.entries()) {
      if (!due.containsKey(e.getKey())) {
        gone.add(e.getKey());
      }
    }
    for (String id : gone) {
      WaitAlert retraction = emitted.get(id).copy();
      retraction.retracted = true;
      retraction.version = s.nextVersion(retraction.version);
      retraction.emittedMs = wall;
      out.collect(retraction);
      emitted.remove(id);
    }
    // Settled conversations have no open turn, so they never set the next change.
    forgetSettled(
        s,
        watermark,
        now == watermark ? judgement.conversations() : derivation.derive(s, watermark),
        ctx);
    if (s.events.isEmpty()) {
      state.clear();
      emitted.clear();
      return;
    }
    if (judgement.nextChange() != Long.MAX_VALUE) {
      schedule(judgement.nextChange(), live, ctx);
    }
    state.update(s);
  }

  /** Conversations the watermark has settled can change no more: drop them and their alerts. */
  private void forgetSettled(
      TrackerState s, long watermark, List<TurnDerivation.Conversation> atWatermark, Context ctx)
      throws Exception {
    int settledEvents = 0;
    for (TurnDerivation.Conversation c : atWatermark) {
      if (watermark >= c.settleAtMs()) {
        settledEvents = c.to();
      } else {
        ctx.timerService().registerEventTimeTimer(c.settleAtMs());
        break;
      }
    }
    if (settledEvents == 0) {
      return;
    }
    long lastSettledTs = s.events.get(settledEvents - 1).ts;
    s.events.subList(0, settledEvents).clear();
    List<String> settled = new ArrayList<>();
    for (Map.Entry<String, WaitAlert> e : emitted.entries()) {
      if (e.getValue().turnStartMs <= lastSettledTs) {
        settled.add(e.getKey());
      }
    }
    for (String id : settled) {
      emitted.remove(id);
    }
  }

  private static void schedule(long at, boolean live, Context ctx) {
    ctx.timerService().registerEventTimeTimer(at);
    if (live) {
      ctx.timerService().registerProcessingTimeTimer(at);
    }
  }
}
