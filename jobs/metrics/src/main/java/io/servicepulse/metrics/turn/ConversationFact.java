// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

/**
 * One conversation (会话) with at least one turn, credited to the agent credited with its first turn.
 * Known once its first turn is decided; final once the conversation has ended and the allowed
 * lateness has passed. A Flink POJO.
 */
public class ConversationFact {

  /** Event id of the conversation's first message. */
  public String conversationId;

  public String shopId;
  public String teamId;
  public String agentId;
  public long firstTurnStartMs;
  public boolean humanAnswered;

  /**
   * First response (首次响应) of a conversation whose first turn went unanswered: from that turn's
   * start to the first answer after it. Null if the first turn was answered (that turn carries the
   * first response) or nobody has answered yet; also null in facts restored from before the field.
   */
  public Long firstResponseAfterTimeoutMs;

  /** Long.MAX_VALUE while the conversation may still change. */
  public long finalAtMs;

  public ConversationFact() {}

  public boolean sameContent(ConversationFact o) {
    return conversationId.equals(o.conversationId)
        && teamId.equals(o.teamId)
        && agentId.equals(o.agentId)
        && firstTurnStartMs == o.firstTurnStartMs
        && humanAnswered == o.humanAnswered
        && java.util.Objects.equals(firstResponseAfterTimeoutMs, o.firstResponseAfterTimeoutMs)
        && finalAtMs == o.finalAtMs;
  }

  @Override
  public String toString() {
    return "conversation "
        + conversationId
        + " agent="
        + agentId
        + (humanAnswered ? " human" : " no-human")
        + (finalAtMs == Long.MAX_VALUE ? " open" : " final");
  }
}
