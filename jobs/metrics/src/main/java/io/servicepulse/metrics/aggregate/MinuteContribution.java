// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.ConversationFact;
import io.servicepulse.metrics.turn.TurnFact;

/**
 * What one turn, conversation or agent message adds to its (shop, team, agent, minute) row. The id
 * lets a later version replace an earlier one and a retraction remove it, so a row always equals
 * the sum of the current versions of its items, whatever order they arrived in. A Flink POJO.
 */
public class MinuteContribution {

  public String id;
  public String shopId;
  public String teamId;
  public String agentId;
  public long minuteMs;
  public MinuteSums values;

  /** Event time after which this item can no longer change or be retracted. */
  public long finalAtMs;

  public boolean retracted;

  public MinuteContribution() {}

  /** Row key for keyBy: lengths make it unambiguous whatever characters the ids hold. */
  public String rowKey() {
    return shopId.length()
        + ":"
        + shopId
        + teamId.length()
        + ":"
        + teamId
        + agentId.length()
        + ":"
        + agentId
        + minuteMs;
  }

  /** A turn in the minute it started, credited as the turn is. */
  public static MinuteContribution ofTurn(TurnFact t) {
    MinuteSums v = new MinuteSums();
    v.turns = 1;
    if (t.answered) {
      v.answered = 1;
      v.responseMsSum = t.responseMs;
      v.responseMsCount = 1;
      v.responseMsMax = t.responseMs;
      v.slow = t.slow ? 1 : 0;
      if (t.humanAnswered()) {
        v.answeredWithin30s = t.responseMs <= MetricsSettings.WITHIN_BUCKETS_MS[0] ? 1 : 0;
        v.answeredWithin60s = t.responseMs <= MetricsSettings.WITHIN_BUCKETS_MS[1] ? 1 : 0;
        v.answeredWithin180s = t.responseMs <= MetricsSettings.WITHIN_BUCKETS_MS[2] ? 1 : 0;
      }
      if (t.firstOfConversation) {
        v.firstResponseMsSum = t.responseMs;
        v.firstResponseCount = 1;
      }
    } else {
      v.unanswered = 1;
    }
    return of(
        "t:" + t.turnId, t.shopId, t.teamId, t.agentId, t.startMs, v, t.finalAtMs, t.retracted);
  }

  /** A conversation in the minute its first turn started, credited as that turn is. */
  public static MinuteContribution ofConversation(ConversationFact c, boolean retracted) {
    MinuteSums v = new MinuteSums();
    v.conversations = 1;
    v.conversationsWithHumanAnswer = c.humanAnswered ? 1 : 0;
    if (c.firstResponseAfterTimeoutMs != null) {
      // An answered first turn carries the first response itself (ofTurn).
      v.firstResponseMsSum = c.firstResponseAfterTimeoutMs;
      v.firstResponseCount = 1;
    }
    return of(
        "c:" + c.conversationId,
        c.shopId,
        c.teamId,
        c.agentId,
        c.firstTurnStartMs,
        v,
        c.finalAtMs,
        retracted);
  }

  /** One AGENT message; final at once (duplicates were dropped by the tracker). */
  public static MinuteContribution ofAgentMessage(
      String eventId, String shopId, String teamId, String agentId, long ts) {
    MinuteSums v = new MinuteSums();
    v.agentMessages = 1;
    return of("m:" + eventId, shopId, teamId, agentId, ts, v, Long.MIN_VALUE, false);
  }

  /** A copy whose values can be changed without changing this one's. */
  public MinuteContribution copy() {
    return of(id, shopId, teamId, agentId, minuteMs, values.copy(), finalAtMs, retracted);
  }

  private static MinuteContribution of(
      String id,
      String shopId,
      String teamId,
      String agentId,
      long ts,
      MinuteSums values,
      long finalAtMs,
      boolean retracted) {
    MinuteContribution c = new MinuteContribution();
    c.id = id;
    c.shopId = shopId;
    c.teamId = teamId == null ? "" : teamId;
    c.agentId = agentId == null ? "" : agentId;
    c.minuteMs = Math.floorDiv(ts, 60_000L) * 60_000L;
    c.values = values;
    c.finalAtMs = finalAtMs;
    c.retracted = retracted;
    return c;
  }

  @Override
  public String toString() {
    return (retracted ? "RETRACT " : "") + id + " -> " + rowKey() + " " + values;
  }
}
