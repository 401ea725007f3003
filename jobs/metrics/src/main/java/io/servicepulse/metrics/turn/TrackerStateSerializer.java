// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static io.servicepulse.common.flink.CompactCodec.readFrontCoded;
import static io.servicepulse.common.flink.CompactCodec.readSigned;
import static io.servicepulse.common.flink.CompactCodec.readSize;
import static io.servicepulse.common.flink.CompactCodec.writeFrontCoded;
import static io.servicepulse.common.flink.CompactCodec.writeSigned;
import static io.servicepulse.common.flink.CompactCodec.writeVarLong;

import io.servicepulse.common.flink.CompactStateSerializer;
import io.servicepulse.common.flink.CompactStateSnapshot;
import io.servicepulse.metrics.wait.WaitAlert;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The tracker's state in a few bytes per message instead of the POJO serializer's ~75 (a null flag
 * per field, every id in full): agent and team ids once per buyer in a dictionary, event ids
 * front-coded against the previous one (a buyer's ids share a long prefix), times as varint deltas,
 * flags in bits, and a turn's or conversation's id as the index of the buffered message it was
 * named after. Lossless for any value; only the encoding is compact. State written by the POJO
 * serializer of earlier releases is migrated on restore ({@link Snapshot}).
 */
public final class TrackerStateSerializer extends CompactStateSerializer<TrackerState> {

  private static final long serialVersionUID = 1L;

  private static final long DAY_MS = 86_400_000L;

  // ChatEvent flags
  private static final int ROLE_MASK = 0x03;
  private static final int NO_REPLY_NEEDED = 0x04;
  private static final int HAS_SEQ = 0x08;
  private static final int HAS_CONVERSATION_KEY = 0x10;
  private static final int SAME_CONVERSATION_KEY = 0x20;
  private static final int ROLE_FOLLOWS = 0x40;

  // TurnFact flags: bits 0–7 as TurnFactSerializer.flagsOf, then these
  private static final int NO_ANSWER_MS = 1 << 8;
  private static final int RESPONSE_FOLLOWS = 1 << 9;
  private static final int KEY_FOLLOWS = 1 << 10;

  // ConversationFact flags
  private static final int HUMAN_ANSWERED = 1;
  private static final int OTHER_SHOP = 1 << 1;
  private static final int HAS_FIRST_RESPONSE = 1 << 2;
  private static final int OPEN = 1 << 3;

  // WaitAlert flags: the status in the low two bits
  private static final int STATUS_MASK = 0x03;
  private static final int STATUS_OTHER = 3;
  private static final int ALERT_RETRACTED = 1 << 2;
  private static final int ALERT_NO_ANSWER = 1 << 3;
  private static final int WAITED_FOLLOWS = 1 << 4;
  private static final int ALERT_KEY_FOLLOWS = 1 << 5;
  private static final int EMITTED_FOLLOWS = 1 << 6;
  private static final List<String> STATUSES =
      List.of(WaitAlert.WAITING, WaitAlert.ANSWERED, WaitAlert.UNANSWERED);

  // State flags
  private static final int ALERTS_IN_STATE = 1;

  // Times that are often MIN_VALUE or MAX_VALUE
  private static final int TIME_MIN = 0;
  private static final int TIME_MAX = 1;
  private static final int TIME_NEAR = 2;

  @Override
  public TrackerState createInstance() {
    return new TrackerState();
  }

  @Override
  public TrackerState copy(TrackerState from) {
    return copyThroughBytes(from);
  }

  @Override
  public void serialize(TrackerState s, DataOutputView out) throws IOException {
    StringValue.writeString(s.shopId, out);
    StringValue.writeString(s.buyerId, out);
    StringValue.writeString(s.platform, out);
    out.writeByte(s.alertsInState ? ALERTS_IN_STATE : 0);
    Words dictionary = dictionary(s);
    writeVarLong(dictionary.size(), out);
    for (int i = 0; i < dictionary.size(); i++) {
      StringValue.writeString(dictionary.get(i), out);
    }
    long base = s.events.isEmpty() ? 0 : s.events.get(0).ts;
    writeSigned(base, out);
    writeTime(s.derivedAtWatermark, base, out);
    writeTime(s.decidedUntil, base, out);
    writeTime(s.wakeUpAt, base, out);
    writeSigned(s.lastVersion, out);

    writeVarLong(s.events.size(), out);
    ChatEvent previous = null;
    for (ChatEvent e : s.events) {
      writeEvent(e, previous, base, dictionary, out);
      previous = e;
    }
    Written w = new Written(s, base, eventIndex(s), dictionary);
    writeVarLong(s.emittedTurns.size(), out);
    for (TurnFact t : s.emittedTurns) {
      writeTurn(t, w, out);
    }
    writeVarLong(s.emittedConversations.size(), out);
    for (ConversationFact c : s.emittedConversations) {
      writeConversation(c, w, out);
    }
    writeVarLong(s.emittedAlerts.size(), out);
    for (WaitAlert a : s.emittedAlerts) {
      writeAlert(a, w, out);
    }
  }

  @Override
  public TrackerState deserialize(DataInputView in) throws IOException {
    TrackerState s = new TrackerState();
    s.shopId = StringValue.readString(in);
    s.buyerId = StringValue.readString(in);
    s.platform = StringValue.readString(in);
    s.alertsInState = (in.readUnsignedByte() & ALERTS_IN_STATE) != 0;
    int words = readSize(in);
    List<String> dictionary = new ArrayList<>(words);
    for (int i = 0; i < words; i++) {
      dictionary.add(StringValue.readString(in));
    }
    long base = readSigned(in);
    s.derivedAtWatermark = readTime(base, in);
    s.decidedUntil = readTime(base, in);
    s.wakeUpAt = readTime(base, in);
    s.lastVersion = readSigned(in);

    int events = readSize(in);
    s.events = new ArrayList<>(events);
    ChatEvent previous = null;
    for (int i = 0; i < events; i++) {
      previous = readEvent(previous, base, dictionary, in);
      s.events.add(previous);
    }
    int turns = readSize(in);
    s.emittedTurns = new ArrayList<>(turns);
    for (int i = 0; i < turns; i++) {
      s.emittedTurns.add(readTurn(s, base, dictionary, in));
    }
    int conversations = readSize(in);
    s.emittedConversations = new ArrayList<>(conversations);
    for (int i = 0; i < conversations; i++) {
      s.emittedConversations.add(readConversation(s, base, dictionary, in));
    }
    int alerts = readSize(in);
    s.emittedAlerts = new ArrayList<>(alerts);
    for (int i = 0; i < alerts; i++) {
      s.emittedAlerts.add(readAlert(s, base, dictionary, in));
    }
    return s;
  }

  @Override
  protected CompactStateSnapshot<TrackerState> newSnapshot() {
    return new Snapshot();
  }

  /** Agent and team ids of the state, each once; index 0 in the records stands for null. */
  private static Words dictionary(TrackerState s) {
    Words ids = new Words();
    for (ChatEvent e : s.events) {
      add(ids, e.agentId);
      add(ids, e.teamId);
    }
    for (TurnFact t : s.emittedTurns) {
      add(ids, t.agentId);
      add(ids, t.teamId);
    }
    for (ConversationFact c : s.emittedConversations) {
      add(ids, c.agentId);
      add(ids, c.teamId);
    }
    for (WaitAlert a : s.emittedAlerts) {
      add(ids, a.agentId);
      add(ids, a.teamId);
    }
    return ids;
  }

  private static void add(Words ids, String id) {
    if (id != null && ids.indexOf(id) < 0) {
      ids.add(id);
    }
  }

  /**
   * The dictionary while writing: a buyer's state names a few agents and teams, so a list searched
   * from the start is cheaper than a map built for every value a checkpoint writes.
   */
  private static final class Words extends ArrayList<String> {
    Words() {
      super(4);
    }
  }

  private static void writeWord(String id, Words dictionary, DataOutputView out)
      throws IOException {
    writeVarLong(id == null ? 0 : dictionary.indexOf(id) + 1, out);
  }

  /** States this small look a message up by scanning; larger ones index their messages once. */
  private static final int SCANNED_EVENTS = 16;

  /** The first message with each event id, by index; null: scan ({@link #indexOf}). */
  private static Map<String, Integer> eventIndex(TrackerState s) {
    if (s.events.size() <= SCANNED_EVENTS) {
      return null;
    }
    Map<String, Integer> index = new HashMap<>(2 * s.events.size());
    for (int i = 0; i < s.events.size(); i++) {
      index.putIfAbsent(s.events.get(i).eventId, i);
    }
    return index;
  }

  private static String readWord(List<String> dictionary, DataInputView in) throws IOException {
    int i = readSize(in);
    return i == 0 ? null : dictionary.get(i - 1);
  }

  private static void writeEvent(
      ChatEvent e, ChatEvent previous, long base, Words dictionary, DataOutputView out)
      throws IOException {
    int flags = e.role & ROLE_MASK;
    if (e.role != (e.role & ROLE_MASK)) {
      flags |= ROLE_FOLLOWS;
    }
    flags |= e.noReplyNeeded ? NO_REPLY_NEEDED : 0;
    flags |= e.seq != null ? HAS_SEQ : 0;
    if (e.conversationKey != null) {
      flags |= HAS_CONVERSATION_KEY;
      if (previous != null && e.conversationKey.equals(previous.conversationKey)) {
        flags |= SAME_CONVERSATION_KEY;
      }
    }
    out.writeByte(flags);
    if ((flags & ROLE_FOLLOWS) != 0) {
      out.writeByte(e.role);
    }
    writeFrontCoded(e.eventId, previous == null ? null : previous.eventId, out);
    writeSigned(e.ts - (previous == null ? base : previous.ts), out);
    writeWord(e.agentId, dictionary, out);
    writeWord(e.teamId, dictionary, out);
    if (e.seq != null) {
      writeSigned(e.seq, out);
    }
    if ((flags & HAS_CONVERSATION_KEY) != 0 && (flags & SAME_CONVERSATION_KEY) == 0) {
      out.writeLong(e.conversationKey);
    }
  }

  private static ChatEvent readEvent(
      ChatEvent previous, long base, List<String> dictionary, DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    ChatEvent e = new ChatEvent();
    e.role = (flags & ROLE_FOLLOWS) != 0 ? in.readByte() : (byte) (flags & ROLE_MASK);
    e.noReplyNeeded = (flags & NO_REPLY_NEEDED) != 0;
    e.eventId = readFrontCoded(previous == null ? null : previous.eventId, in);
    e.ts = (previous == null ? base : previous.ts) + readSigned(in);
    e.agentId = readWord(dictionary, in);
    e.teamId = readWord(dictionary, in);
    if ((flags & HAS_SEQ) != 0) {
      e.seq = readSigned(in);
    }
    if ((flags & HAS_CONVERSATION_KEY) != 0) {
      e.conversationKey =
          (flags & SAME_CONVERSATION_KEY) != 0 ? previous.conversationKey : in.readLong();
    }
    return e;
  }

  private static void writeTurn(TurnFact t, Written w, DataOutputView out) throws IOException {
    int flags = TurnFactSerializer.flagsOf(t);
    flags |= t.answerMs == -1 ? NO_ANSWER_MS : 0;
    flags |= t.responseMs != expectedResponse(t.startMs, t.answerMs) ? RESPONSE_FOLLOWS : 0;
    flags |= t.shopId != null || t.buyerId != null || t.platform != null ? KEY_FOLLOWS : 0;
    writeVarLong(flags, out);
    long startNear = writeReference(t.turnId, w, out);
    writeReference(t.conversationId, w, out);
    writeWord(t.teamId, w.dictionary(), out);
    writeWord(t.agentId, w.dictionary(), out);
    writeSigned(t.startMs - startNear, out);
    if ((flags & NO_ANSWER_MS) == 0) {
      writeSigned(t.answerMs - t.startMs, out);
    }
    if ((flags & RESPONSE_FOLLOWS) != 0) {
      writeSigned(t.responseMs, out);
    }
    writeSigned(t.day - Math.floorDiv(t.startMs, DAY_MS), out);
    writeSigned(t.finalAtMs - t.startMs, out);
    writeSigned(t.version, out);
    if ((flags & KEY_FOLLOWS) != 0) {
      StringValue.writeString(t.shopId, out);
      StringValue.writeString(t.buyerId, out);
      StringValue.writeString(t.platform, out);
    }
  }

  private static TurnFact readTurn(
      TrackerState s, long base, List<String> dictionary, DataInputView in) throws IOException {
    int flags = readSize(in);
    TurnFact t = new TurnFact();
    TurnFactSerializer.setFlags(t, flags);
    Reference turn = readReference(s, base, in);
    t.turnId = turn.id;
    t.conversationId = readReference(s, base, in).id;
    t.teamId = readWord(dictionary, in);
    t.agentId = readWord(dictionary, in);
    t.startMs = turn.near + readSigned(in);
    t.answerMs = (flags & NO_ANSWER_MS) != 0 ? -1 : t.startMs + readSigned(in);
    t.responseMs =
        (flags & RESPONSE_FOLLOWS) != 0 ? readSigned(in) : expectedResponse(t.startMs, t.answerMs);
    t.day = (int) (Math.floorDiv(t.startMs, DAY_MS) + readSigned(in));
    t.finalAtMs = t.startMs + readSigned(in);
    t.version = readSigned(in);
    if ((flags & KEY_FOLLOWS) != 0) {
      t.shopId = StringValue.readString(in);
      t.buyerId = StringValue.readString(in);
      t.platform = StringValue.readString(in);
    }
    return t;
  }

  private static long expectedResponse(long startMs, long answerMs) {
    return answerMs == -1 ? -1 : answerMs - startMs;
  }

  private static void writeConversation(ConversationFact c, Written w, DataOutputView out)
      throws IOException {
    int flags = c.humanAnswered ? HUMAN_ANSWERED : 0;
    flags |= Objects.equals(c.shopId, w.state().shopId) ? 0 : OTHER_SHOP;
    flags |= c.firstResponseAfterTimeoutMs != null ? HAS_FIRST_RESPONSE : 0;
    flags |= c.finalAtMs == Long.MAX_VALUE ? OPEN : 0;
    out.writeByte(flags);
    long near = writeReference(c.conversationId, w, out);
    if ((flags & OTHER_SHOP) != 0) {
      StringValue.writeString(c.shopId, out);
    }
    writeWord(c.teamId, w.dictionary(), out);
    writeWord(c.agentId, w.dictionary(), out);
    writeSigned(c.firstTurnStartMs - near, out);
    if (c.firstResponseAfterTimeoutMs != null) {
      writeSigned(c.firstResponseAfterTimeoutMs, out);
    }
    if ((flags & OPEN) == 0) {
      writeSigned(c.finalAtMs - c.firstTurnStartMs, out);
    }
  }

  private static ConversationFact readConversation(
      TrackerState s, long base, List<String> dictionary, DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    ConversationFact c = new ConversationFact();
    c.humanAnswered = (flags & HUMAN_ANSWERED) != 0;
    Reference conversation = readReference(s, base, in);
    c.conversationId = conversation.id;
    c.shopId = (flags & OTHER_SHOP) != 0 ? StringValue.readString(in) : s.shopId;
    c.teamId = readWord(dictionary, in);
    c.agentId = readWord(dictionary, in);
    c.firstTurnStartMs = conversation.near + readSigned(in);
    if ((flags & HAS_FIRST_RESPONSE) != 0) {
      c.firstResponseAfterTimeoutMs = readSigned(in);
    }
    c.finalAtMs = (flags & OPEN) != 0 ? Long.MAX_VALUE : c.firstTurnStartMs + readSigned(in);
    return c;
  }

  private static void writeAlert(WaitAlert a, Written w, DataOutputView out) throws IOException {
    int status = STATUSES.indexOf(a.status);
    int flags = status < 0 ? STATUS_OTHER : status;
    flags |= a.retracted ? ALERT_RETRACTED : 0;
    flags |= a.answerMs == -1 ? ALERT_NO_ANSWER : 0;
    flags |= a.waitedMs != expectedResponse(a.turnStartMs, a.answerMs) ? WAITED_FOLLOWS : 0;
    flags |= a.shopId != null || a.buyerId != null || a.platform != null ? ALERT_KEY_FOLLOWS : 0;
    flags |= a.emittedMs != 0 ? EMITTED_FOLLOWS : 0;
    out.writeByte(flags);
    long near = writeReference(a.turnId, w, out);
    writeSigned(a.turnStartMs - near, out);
    writeSigned(a.thresholdMs, out);
    writeWord(a.agentId, w.dictionary(), out);
    writeWord(a.teamId, w.dictionary(), out);
    if ((flags & ALERT_NO_ANSWER) == 0) {
      writeSigned(a.answerMs - a.turnStartMs, out);
    }
    if ((flags & WAITED_FOLLOWS) != 0) {
      writeSigned(a.waitedMs, out);
    }
    writeSigned(a.version, out);
    if ((flags & EMITTED_FOLLOWS) != 0) {
      writeSigned(a.emittedMs, out);
    }
    if ((flags & ALERT_KEY_FOLLOWS) != 0) {
      StringValue.writeString(a.shopId, out);
      StringValue.writeString(a.buyerId, out);
      StringValue.writeString(a.platform, out);
    }
    if (status < 0) {
      StringValue.writeString(a.status, out);
    }
  }

  private static WaitAlert readAlert(
      TrackerState s, long base, List<String> dictionary, DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    WaitAlert a = new WaitAlert();
    a.retracted = (flags & ALERT_RETRACTED) != 0;
    Reference turn = readReference(s, base, in);
    a.turnId = turn.id;
    a.turnStartMs = turn.near + readSigned(in);
    a.thresholdMs = readSigned(in);
    a.agentId = readWord(dictionary, in);
    a.teamId = readWord(dictionary, in);
    a.answerMs = (flags & ALERT_NO_ANSWER) != 0 ? -1 : a.turnStartMs + readSigned(in);
    a.waitedMs =
        (flags & WAITED_FOLLOWS) != 0
            ? readSigned(in)
            : expectedResponse(a.turnStartMs, a.answerMs);
    a.version = readSigned(in);
    a.emittedMs = (flags & EMITTED_FOLLOWS) != 0 ? readSigned(in) : 0;
    if ((flags & ALERT_KEY_FOLLOWS) != 0) {
      a.shopId = StringValue.readString(in);
      a.buyerId = StringValue.readString(in);
      a.platform = StringValue.readString(in);
    }
    int status = flags & STATUS_MASK;
    a.status = status == STATUS_OTHER ? StringValue.readString(in) : STATUSES.get(status);
    return a;
  }

  /** What the facts are written against: the messages (by event id), base time, dictionary. */
  private record Written(
      TrackerState state, long base, Map<String, Integer> eventIndex, Words dictionary) {
    /** Index of the first buffered message with {@code id}, or null. */
    Integer indexOf(String id) {
      if (eventIndex != null) {
        return eventIndex.get(id);
      }
      List<ChatEvent> events = state.events;
      for (int i = 0; i < events.size(); i++) {
        if (id.equals(events.get(i).eventId)) {
          return i;
        }
      }
      return null;
    }
  }

  /** An id named after a buffered message, and that message's time (else the base time). */
  private record Reference(String id, long near) {}

  /**
   * Writes {@code id} as 1 + the index of the buffered message with that event id, or 0 and the id
   * itself; returns the time the reader will know: that message's, else {@code base}.
   */
  private static long writeReference(String id, Written w, DataOutputView out) throws IOException {
    Integer i = id == null ? null : w.indexOf(id);
    if (i == null) {
      writeVarLong(0, out);
      StringValue.writeString(id, out);
      return w.base();
    }
    writeVarLong(i + 1L, out);
    return w.state().events.get(i).ts;
  }

  private static Reference readReference(TrackerState s, long base, DataInputView in)
      throws IOException {
    int i = readSize(in);
    if (i == 0) {
      return new Reference(StringValue.readString(in), base);
    }
    ChatEvent e = s.events.get(i - 1);
    return new Reference(e.eventId, e.ts);
  }

  private static void writeTime(long t, long base, DataOutputView out) throws IOException {
    if (t == Long.MIN_VALUE) {
      out.writeByte(TIME_MIN);
    } else if (t == Long.MAX_VALUE) {
      out.writeByte(TIME_MAX);
    } else {
      out.writeByte(TIME_NEAR);
      writeSigned(t - base, out);
    }
  }

  private static long readTime(long base, DataInputView in) throws IOException {
    int kind = in.readUnsignedByte();
    return switch (kind) {
      case TIME_MIN -> Long.MIN_VALUE;
      case TIME_MAX -> Long.MAX_VALUE;
      case TIME_NEAR -> base + readSigned(in);
      default -> throw new IOException("unknown time kind " + kind);
    };
  }

  /** Restores state of earlier releases too ({@link CompactStateSnapshot}). */
  public static final class Snapshot extends CompactStateSnapshot<TrackerState> {

    @Override
    protected CompactStateSerializer<TrackerState> current() {
      return new TrackerStateSerializer();
    }
  }
}
