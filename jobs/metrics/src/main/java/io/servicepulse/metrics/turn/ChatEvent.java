// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import io.servicepulse.common.chat.NoReplyNeeded;
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

  /**
   * The source's order within one millisecond (ChatMessage v3 {@code seq}); null if it gave none.
   * Added after the first release: Flink's POJO serializer restores older state with null here.
   */
  public Long seq;

  /**
   * The source's conversation (ChatMessage {@code conversation_id}) as a 64-bit hash, so a buffered
   * message stays small whatever the id's length; null if it gave none. Added after the first
   * release, like {@link #seq}.
   */
  public Long conversationKey;

  /** A BUYER message that needs no reply ({@code events.no-reply-needed}): opens no turn. */
  public boolean noReplyNeeded;

  public ChatEvent() {}

  public ChatEvent(String eventId, long ts, byte role, String agentId, String teamId) {
    this.eventId = eventId;
    this.ts = ts;
    this.role = role;
    this.agentId = agentId;
    this.teamId = teamId;
  }

  public static ChatEvent of(ChatMessage m, NoReplyNeeded rule) {
    ChatEvent event =
        new ChatEvent(
            m.getEventId(),
            m.getTs().toEpochMilli(),
            (byte) m.getSenderRole().ordinal(),
            m.getAgentId(),
            m.getTeamId());
    event.seq = m.getSeq();
    event.conversationKey = m.getConversationId() == null ? null : hash64(m.getConversationId());
    event.noReplyNeeded = event.role == BUYER && rule.test(m.getText());
    return event;
  }

  /** Whether this message and the next (in event time) are in different source conversations. */
  boolean otherConversationThan(ChatEvent next) {
    return conversationKey != null
        && next.conversationKey != null
        && !conversationKey.equals(next.conversationKey);
  }

  /** 64-bit FNV-1a over the UTF-16 chars: two ids of one buyer collide with odds ~2^-64. */
  static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h = (h ^ (c & 0xff)) * 0x100000001b3L;
      h = (h ^ (c >>> 8)) * 0x100000001b3L;
    }
    return h;
  }

  /**
   * Event-time order, the same for every arrival order: by ts; within one millisecond messages with
   * a {@code seq} first, by seq; then by event id (as text, so "tw-10" comes before "tw-9": only a
   * seq says which the source sent first).
   */
  int compareTo(ChatEvent other) {
    int byTs = Long.compare(ts, other.ts);
    if (byTs != 0) {
      return byTs;
    }
    if (seq != null && other.seq != null) {
      int bySeq = Long.compare(seq, other.seq);
      if (bySeq != 0) {
        return bySeq;
      }
    } else if (seq != null || other.seq != null) {
      return seq != null ? -1 : 1;
    }
    return eventId.compareTo(other.eventId);
  }

  @Override
  public String toString() {
    return eventId + "@" + ts + "/" + role + "/" + agentId;
  }
}
