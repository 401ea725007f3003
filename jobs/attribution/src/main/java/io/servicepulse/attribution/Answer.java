// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.events.ChatMessage;
import java.util.Comparator;

/** One human agent message to a buyer: the raw material of inquiries and attribution. POJO. */
public class Answer {

  /** Time order; the event id breaks ties so every replay sorts the same way. */
  static final Comparator<Answer> ORDER =
      Comparator.comparingLong((Answer a) -> a.ts).thenComparing(a -> a.eventId);

  public String eventId;
  public long ts;
  public String agentId;
  public String teamId;

  public Answer() {}

  static Answer of(ChatMessage m) {
    Answer a = new Answer();
    a.eventId = m.getEventId();
    a.ts = m.getTs().toEpochMilli();
    a.agentId = m.getAgentId();
    a.teamId = m.getTeamId() == null ? "" : m.getTeamId();
    return a;
  }

  AgentCredit credit() {
    return new AgentCredit(agentId, teamId, ts);
  }
}
