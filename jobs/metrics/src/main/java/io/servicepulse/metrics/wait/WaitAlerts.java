package io.servicepulse.metrics.wait;

import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.TrackerState;
import io.servicepulse.metrics.turn.TurnDerivation;
import io.servicepulse.metrics.turn.TurnFact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which waiting-buyer alerts are due for one (shop, buyer) at a point in time, from its buffered
 * messages and the turn rules of {@link TurnDerivation}: for every threshold T, a turn that started
 * at S raises an alert once S + T has passed without an answer — still open ({@code WAITING}),
 * answered later than S + T ({@code ANSWERED}) or never ({@code UNANSWERED}). The same messages and
 * time always give the same alerts, whatever the arrival order; a late message changes the answer,
 * and the caller sends the difference.
 */
public final class WaitAlerts {

  private final MetricsSettings settings;
  private final TurnDerivation derivation;

  public WaitAlerts(MetricsSettings settings) {
    this.settings = settings;
    this.derivation = new TurnDerivation(settings);
  }

  /** Alerts due at {@code now}, by alert id, in turn order. */
  public Map<String, WaitAlert> due(TrackerState state, long now) {
    Map<String, WaitAlert> due = new LinkedHashMap<>();
    for (TurnDerivation.Conversation c : derivation.derive(state, now)) {
      for (TurnFact t : c.turns()) {
        for (long threshold : settings.waitAlertMs()) {
          if (!t.answered || t.responseMs > threshold) {
            WaitAlert a = alert(state, t.turnId, t.startMs, threshold, t.agentId, t.teamId);
            a.status = t.answered ? WaitAlert.ANSWERED : WaitAlert.UNANSWERED;
            if (t.answered) {
              a.answerMs = t.answerMs;
              a.waitedMs = t.responseMs;
            }
            due.put(a.alertId(), a);
          }
        }
      }
      TurnDerivation.OpenTurnView open = c.openTurn();
      if (open != null) {
        for (long threshold : settings.waitAlertMs()) {
          if (open.startMs() + threshold < now) {
            WaitAlert a =
                alert(
                    state, open.turnId(), open.startMs(), threshold, open.agentId(), open.teamId());
            a.status = WaitAlert.WAITING;
            due.put(a.alertId(), a);
          }
        }
      }
    }
    return due;
  }

  /**
   * The next time after {@code now} at which {@link #due} can change without a new message: an open
   * turn's next threshold or its reply timeout; {@link Long#MAX_VALUE} if none.
   */
  public long nextChange(TrackerState state, long now) {
    long next = Long.MAX_VALUE;
    if (now == Long.MAX_VALUE) {
      return next;
    }
    for (TurnDerivation.Conversation c : derivation.derive(state, now)) {
      TurnDerivation.OpenTurnView open = c.openTurn();
      if (open == null) {
        continue;
      }
      for (long threshold : settings.waitAlertMs()) {
        // due() needs start + T < now: the first such time is start + T + 1.
        long at = open.startMs() + threshold + 1;
        if (at > now) {
          next = Math.min(next, at);
        }
      }
      next = Math.min(next, Math.max(now + 1, open.startMs() + settings.replyTimeoutMs()));
      next = Math.min(next, Math.max(now + 1, c.lastTs() + settings.sessionGapMs()));
    }
    return next;
  }

  private static WaitAlert alert(
      TrackerState state,
      String turnId,
      long startMs,
      long thresholdMs,
      String agentId,
      String teamId) {
    WaitAlert a = new WaitAlert();
    a.shopId = state.shopId;
    a.buyerId = state.buyerId;
    a.platform = state.platform;
    a.turnId = turnId;
    a.turnStartMs = startMs;
    a.thresholdMs = thresholdMs;
    a.agentId = agentId == null ? "" : agentId;
    a.teamId = teamId == null ? "" : teamId;
    return a;
  }
}
