package io.servicepulse.metrics.turn;

import io.servicepulse.events.ChatMessage;

/**
 * What the turn tracker keeps of a chat message: no text, no shop or buyer (the key holds those),
 * so a buffered conversation costs tens of bytes per message. A Flink POJO.
 */
public class ChatEvent {

  public static final byte BUYER = 0;
  public static final byte AGENT = 1;
  public static final byte BOT = 2;
  public static final byte SYSTEM = 3;

  public String eventId;
  public long ts;
  public byte role;

  /** Routed agent of a buyer message, sender of an agent or bot message; null if none. */
  public String agentId;

  public String teamId;

  public ChatEvent() {}

  public ChatEvent(String eventId, long ts, byte role, String agentId, String teamId) {
    this.eventId = eventId;
    this.ts = ts;
    this.role = role;
    this.agentId = agentId;
    this.teamId = teamId;
  }

  public static ChatEvent of(ChatMessage m) {
    return new ChatEvent(
        m.getEventId(),
        m.getTs().toEpochMilli(),
        (byte) m.getSenderRole().ordinal(),
        m.getAgentId(),
        m.getTeamId());
  }

  /** Event-time order; the event id breaks ties so every arrival order gives the same sequence. */
  int compareTo(ChatEvent other) {
    int byTs = Long.compare(ts, other.ts);
    return byTs != 0 ? byTs : eventId.compareTo(other.eventId);
  }

  @Override
  public String toString() {
    return eventId + "@" + ts + "/" + role + "/" + agentId;
  }
}
