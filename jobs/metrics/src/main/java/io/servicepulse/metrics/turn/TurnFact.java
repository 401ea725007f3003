// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

/**
 * One buyer turn (一次咨询), as the {@code turns} table stores it. Its id is the event id of the buyer
 * message that opened it, so a replay or a correction upserts the same row. A correction that
 * changes a turn sends the previous version with {@code retracted = true} first, then the new one
 * with a higher version; a turn that a late event dissolved is only retracted. A Flink POJO.
 */
public class TurnFact {

  public String turnId;
  public String conversationId;
  public String shopId;
  public String buyerId;
  public String platform;

  /** Team of the message that decides the credit; "" for a turn credited to the shop. */
  public String teamId;

  /** The answering agent; for an unanswered turn the routed agent, "" = the shop. */
  public String agentId;

  public long startMs;

  /** -1 if unanswered. */
  public long answerMs;

  /** answerMs − startMs; -1 if unanswered. */
  public long responseMs;

  public boolean answered;
  public boolean answeredByBot;

  /**
   * A BOT message (auto-reply, quick-reply robot) came while the turn waited: 机器人接待. With a human
   * answer after it, the bot handed the buyer to a human (机器人转人工). Added after the first release:
   * restored state reads false.
   */
  public boolean botReplied;

  public boolean firstOfConversation;
  public boolean businessHours;
  public boolean slow;

  /** Answered by a human within metrics.n-minute. */
  public boolean withinN;

  /** Shop-local day of the start, days since 1970-01-01. */
  public int day;

  /** Event time after which this turn can no longer change. */
  public long finalAtMs;

  public boolean retracted;
  public long version;

  public TurnFact() {}

  public boolean humanAnswered() {
    return answered && !answeredByBot;
  }

  /** Same turn with the same values (ignores version and retraction). */
  public boolean sameContent(TurnFact o) {
    return turnId.equals(o.turnId)
        && conversationId.equals(o.conversationId)
        && teamId.equals(o.teamId)
        && agentId.equals(o.agentId)
        && startMs == o.startMs
        && answerMs == o.answerMs
        && answered == o.answered
        && answeredByBot == o.answeredByBot
        && botReplied == o.botReplied
        && firstOfConversation == o.firstOfConversation
        && businessHours == o.businessHours
        && slow == o.slow
        && withinN == o.withinN
        && day == o.day;
  }

  public TurnFact copy() {
    TurnFact c = new TurnFact();
    c.turnId = turnId;
    c.conversationId = conversationId;
    c.shopId = shopId;
    c.buyerId = buyerId;
    c.platform = platform;
    c.teamId = teamId;
    c.agentId = agentId;
    c.startMs = startMs;
    c.answerMs = answerMs;
    c.responseMs = responseMs;
    c.answered = answered;
    c.answeredByBot = answeredByBot;
    c.botReplied = botReplied;
    c.firstOfConversation = firstOfConversation;
    c.businessHours = businessHours;
    c.slow = slow;
    c.withinN = withinN;
    c.day = day;
    c.finalAtMs = finalAtMs;
    c.retracted = retracted;
    c.version = version;
    return c;
  }

  @Override
  public String toString() {
    return (retracted ? "RETRACT " : "")
        + "turn "
        + turnId
        + " start="
        + startMs
        + " agent="
        + agentId
        + (answered ? " response=" + responseMs : " unanswered")
        + (firstOfConversation ? " first" : "")
        + " v"
        + version;
  }
}
