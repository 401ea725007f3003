// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

/**
 * The service figures of one (shop, team, agent, minute), as sums and counts so any roll-up (team,
 * day, month) is exact; averages are sum / count at query time. A Flink POJO.
 */
public class MinuteSums {

  public long turns;
  public long answered;
  public long unanswered;
  public long slow;
  public long responseMsSum;
  public long responseMsCount;
  public long responseMsMax;
  public long answeredWithin30s;
  public long answeredWithin60s;
  public long answeredWithin180s;
  public long firstResponseMsSum;
  public long firstResponseCount;
  public long conversations;
  public long conversationsWithHumanAnswer;
  public long agentMessages;

  public MinuteSums() {}

  public void add(MinuteSums o) {
    turns += o.turns;
    answered += o.answered;
    unanswered += o.unanswered;
    slow += o.slow;
    responseMsSum += o.responseMsSum;
    responseMsCount += o.responseMsCount;
    responseMsMax = Math.max(responseMsMax, o.responseMsMax);
    answeredWithin30s += o.answeredWithin30s;
    answeredWithin60s += o.answeredWithin60s;
    answeredWithin180s += o.answeredWithin180s;
    firstResponseMsSum += o.firstResponseMsSum;
    firstResponseCount += o.firstResponseCount;
    conversations += o.conversations;
    conversationsWithHumanAnswer += o.conversationsWithHumanAnswer;
    agentMessages += o.agentMessages;
  }

  /**
   * Takes back what {@link #add} added, except the maximum, which cannot be undone from sums; the
   * caller checks {@link #covers} first so no count goes negative.
   */
  public void subtract(MinuteSums o) {
    turns -= o.turns;
    answered -= o.answered;
    unanswered -= o.unanswered;
    slow -= o.slow;
    responseMsSum -= o.responseMsSum;
    responseMsCount -= o.responseMsCount;
    answeredWithin30s -= o.answeredWithin30s;
    answeredWithin60s -= o.answeredWithin60s;
    answeredWithin180s -= o.answeredWithin180s;
    firstResponseMsSum -= o.firstResponseMsSum;
    firstResponseCount -= o.firstResponseCount;
    conversations -= o.conversations;
    conversationsWithHumanAnswer -= o.conversationsWithHumanAnswer;
    agentMessages -= o.agentMessages;
  }

  /** True if every count and sum here is at least the one in {@code o}. */
  public boolean covers(MinuteSums o) {
    return turns >= o.turns
        && answered >= o.answered
        && unanswered >= o.unanswered
        && slow >= o.slow
        && responseMsSum >= o.responseMsSum
        && responseMsCount >= o.responseMsCount
        && answeredWithin30s >= o.answeredWithin30s
        && answeredWithin60s >= o.answeredWithin60s
        && answeredWithin180s >= o.answeredWithin180s
        && firstResponseMsSum >= o.firstResponseMsSum
        && firstResponseCount >= o.firstResponseCount
        && conversations >= o.conversations
        && conversationsWithHumanAnswer >= o.conversationsWithHumanAnswer
        && agentMessages >= o.agentMessages;
  }

  public MinuteSums copy() {
    MinuteSums c = new MinuteSums();
    c.add(this);
    return c;
  }

  @Override
  public String toString() {
    return "turns="
        + turns
        + " answered="
        + answered
        + " unanswered="
        + unanswered
        + " slow="
        + slow
        + " responseMs="
        + responseMsSum
        + "/"
        + responseMsCount
        + " max="
        + responseMsMax
        + " within="
        + answeredWithin30s
        + "/"
        + answeredWithin60s
        + "/"
        + answeredWithin180s
        + " first="
        + firstResponseMsSum
        + "/"
        + firstResponseCount
        + " conversations="
        + conversations
        + "/"
        + conversationsWithHumanAnswer
        + " agentMessages="
        + agentMessages;
  }
}
