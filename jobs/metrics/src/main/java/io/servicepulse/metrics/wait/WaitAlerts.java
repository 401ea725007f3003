// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.wait;

import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.TrackerState;
import io.servicepulse.metrics.turn.TurnDerivation;
import io.servicepulse.metrics.turn.TurnFact;
import java.util.LinkedHashMap;
import java.util.List;
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

  public WaitAlerts(MetricsSettings settings) {
    this.settings = settings;
  }

  /**
   * What one derivation of the buyer's messages at {@code now} gives: the alerts due, by alert id
   * in turn order; the next time after {@code now} at which they can change without a new message
   * (an open turn's next threshold, reply timeout or conversation end; {@link Long#MAX_VALUE} if
   * none); and the conversations themselves.
   */
  public record Judgement(
      Map<String, WaitAlert> due,
      long nextChange,
      List<TurnDerivation.Conversation> conversations) {}

  /** {@code conversations}: {@link TurnDerivation#derive} of {@code state} at {@code now}. */
  public Judgement at(
      TrackerState state, long now, List<TurnDerivation.Conversation> conversations) {
    long[] thresholds = settings.waitAlerts().of(state.platform, state.shopId);
    Map<String, WaitAlert> due = new LinkedHashMap<>();
    long next = Long.MAX_VALUE;
    for (TurnDerivation.Conversation c : conversations) {
      for (TurnFact t : c.turns()) {
        for (long threshold : thresholds) {
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
      if (open == null) {
        continue;
      }
      for (long threshold : thresholds) {
        // Due once start + T < now: the first such time is start + T + 1.
        long at = open.startMs() + threshold + 1;
        if (at <= now) {
          WaitAlert a =
              alert(state, open.turnId(), open.startMs(), threshold, open.agentId(), open.teamId());
          a.status = WaitAlert.WAITING;
          due.put(a.alertId(), a);
        } else {
          next = Math.min(next, at);
        }
      }
      if (now != Long.MAX_VALUE) {
        next = Math.min(next, Math.max(now + 1, open.startMs() + settings.replyTimeoutMs()));
        next = Math.min(next, Math.max(now + 1, c.lastTs() + settings.sessionGapMs()));
      }
    }
    return new Judgement(due, next, conversations);
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
