// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static io.servicepulse.common.flink.CompactCodec.readSigned;
import static io.servicepulse.common.flink.CompactCodec.readText;
import static io.servicepulse.common.flink.CompactCodec.writeSigned;
import static io.servicepulse.common.flink.CompactCodec.writeText;

import io.servicepulse.common.flink.CompactRecordTypeInfo;
import io.servicepulse.common.flink.CompactStateSerializer;
import io.servicepulse.common.flink.CompactStateSnapshot;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A turn between operators (to the minute rows, the buyer-days and the {@code turns} sink) field by
 * field: the flags in one short, times as deltas from the turn's start, no reflection. Lossless.
 */
public final class TurnFactSerializer extends CompactStateSerializer<TurnFact> {

  private static final long serialVersionUID = 1L;

  /** The type of a stream of turns. */
  public static final TypeInformation<TurnFact> TYPE =
      CompactRecordTypeInfo.of(TurnFact.class, TurnFactSerializer::new);

  private static final int ANSWERED = 1;
  private static final int ANSWERED_BY_BOT = 1 << 1;
  private static final int BOT_REPLIED = 1 << 2;
  private static final int FIRST_OF_CONVERSATION = 1 << 3;
  private static final int BUSINESS_HOURS = 1 << 4;
  private static final int SLOW = 1 << 5;
  private static final int WITHIN_N = 1 << 6;
  private static final int RETRACTED = 1 << 7;

  @Override
  public TurnFact createInstance() {
    return new TurnFact();
  }

  @Override
  public TurnFact copy(TurnFact from) {
    return from.copy();
  }

  @Override
  public void serialize(TurnFact t, DataOutputView out) throws IOException {
    writeText(t.turnId, out);
    writeText(t.conversationId, out);
    writeText(t.shopId, out);
    writeText(t.buyerId, out);
    writeText(t.platform, out);
    writeText(t.teamId, out);
    writeText(t.agentId, out);
    out.writeByte(flagsOf(t));
    writeSigned(t.startMs, out);
    // Deltas wrap around exactly, so any value comes back.
    writeSigned(t.answerMs - t.startMs, out);
    writeSigned(t.responseMs, out);
    writeSigned(t.finalAtMs - t.startMs, out);
    writeSigned(t.day, out);
    writeSigned(t.version, out);
  }

  @Override
  public TurnFact deserialize(DataInputView in) throws IOException {
    TurnFact t = new TurnFact();
    t.turnId = readText(in);
    t.conversationId = readText(in);
    t.shopId = readText(in);
    t.buyerId = readText(in);
    t.platform = readText(in);
    t.teamId = readText(in);
    t.agentId = readText(in);
    setFlags(t, in.readUnsignedByte());
    t.startMs = readSigned(in);
    t.answerMs = t.startMs + readSigned(in);
    t.responseMs = readSigned(in);
    t.finalAtMs = t.startMs + readSigned(in);
    t.day = Math.toIntExact(readSigned(in));
    t.version = readSigned(in);
    return t;
  }

  /** The turn's eight flags in bits 0–7 (the tracker's state keeps them the same way). */
  static int flagsOf(TurnFact t) {
    return (t.answered ? ANSWERED : 0)
        | (t.answeredByBot ? ANSWERED_BY_BOT : 0)
        | (t.botReplied ? BOT_REPLIED : 0)
        | (t.firstOfConversation ? FIRST_OF_CONVERSATION : 0)
        | (t.businessHours ? BUSINESS_HOURS : 0)
        | (t.slow ? SLOW : 0)
        | (t.withinN ? WITHIN_N : 0)
        | (t.retracted ? RETRACTED : 0);
  }

  static void setFlags(TurnFact t, int flags) {
    t.answered = (flags & ANSWERED) != 0;
    t.answeredByBot = (flags & ANSWERED_BY_BOT) != 0;
    t.botReplied = (flags & BOT_REPLIED) != 0;
    t.firstOfConversation = (flags & FIRST_OF_CONVERSATION) != 0;
    t.businessHours = (flags & BUSINESS_HOURS) != 0;
    t.slow = (flags & SLOW) != 0;
    t.withinN = (flags & WITHIN_N) != 0;
    t.retracted = (flags & RETRACTED) != 0;
  }

  @Override
  protected CompactStateSnapshot<TurnFact> newSnapshot() {
    return new Snapshot();
  }

  /** Records only, never in a checkpoint; a snapshot all the same, as Flink asks for one. */
  public static final class Snapshot extends CompactStateSnapshot<TurnFact> {

    @Override
    protected CompactStateSerializer<TurnFact> current() {
      return new TurnFactSerializer();
    }
  }
}
