// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

import static io.servicepulse.common.flink.CompactCodec.readFrontCoded;
import static io.servicepulse.common.flink.CompactCodec.readSigned;
import static io.servicepulse.common.flink.CompactCodec.readSize;
import static io.servicepulse.common.flink.CompactCodec.writeFrontCoded;
import static io.servicepulse.common.flink.CompactCodec.writeSigned;
import static io.servicepulse.common.flink.CompactCodec.writeVarLong;

import io.servicepulse.common.flink.CompactStateSerializer;
import io.servicepulse.common.flink.CompactStateSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A buyer-day's state in a few bytes per turn instead of the POJO serializer's ~70: the agents once
 * in a dictionary, turn ids front-coded (a buyer's ids share a long prefix), the two flags in bits.
 * A buyer-day keeps every business-hours turn of the day, so it grows all day. Lossless; state
 * written by the POJO serializer of earlier releases is migrated on restore ({@link Snapshot}).
 */
public final class BuyerDaySerializer extends CompactStateSerializer<BuyerDay> {

  private static final long serialVersionUID = 1L;

  // Turn flags
  private static final int HUMAN_ANSWERED = 1;
  private static final int WITHIN_N = 1 << 1;
  private static final int NO_TURN = 1 << 2;

  @Override
  public BuyerDay createInstance() {
    return new BuyerDay();
  }

  @Override
  public BuyerDay copy(BuyerDay from) {
    BuyerDay c = new BuyerDay(from.shopId, from.day);
    c.turns = from.turns == null ? null : new ArrayList<>(from.turns.size());
    if (from.turns != null) {
      for (TurnOutcome t : from.turns) {
        c.turns.add(t == null ? null : copy(t));
      }
    }
    c.reported = from.reported == null ? null : new HashMap<>(from.reported);
    return c;
  }

  private static TurnOutcome copy(TurnOutcome t) {
    TurnOutcome c = new TurnOutcome();
    c.turnId = t.turnId;
    c.agentId = t.agentId;
    c.humanAnswered = t.humanAnswered;
    c.withinN = t.withinN;
    return c;
  }

  @Override
  public void serialize(BuyerDay d, DataOutputView out) throws IOException {
    StringValue.writeString(d.shopId, out);
    writeSigned(d.day, out);
    List<String> agents = new ArrayList<>(4);
    if (d.turns != null) {
      for (TurnOutcome t : d.turns) {
        if (t != null && t.agentId != null && !agents.contains(t.agentId)) {
          agents.add(t.agentId);
        }
      }
    }
    writeVarLong(agents.size(), out);
    for (String agent : agents) {
      StringValue.writeString(agent, out);
    }
    // -1: no list at all; then each turn: flags, front-coded id, agent (0 = null).
    writeSigned(d.turns == null ? -1 : d.turns.size(), out);
    if (d.turns != null) {
      String previous = null;
      for (TurnOutcome t : d.turns) {
        if (t == null) {
          out.writeByte(NO_TURN);
          continue;
        }
        out.writeByte((t.humanAnswered ? HUMAN_ANSWERED : 0) | (t.withinN ? WITHIN_N : 0));
        writeFrontCoded(t.turnId, previous, out);
        previous = t.turnId;
        writeVarLong(t.agentId == null ? 0 : agents.indexOf(t.agentId) + 1, out);
      }
    }
    writeSigned(d.reported == null ? -1 : d.reported.size(), out);
    if (d.reported != null) {
      for (Map.Entry<String, Integer> e : d.reported.entrySet()) {
        StringValue.writeString(e.getKey(), out);
        Integer v = e.getValue();
        out.writeBoolean(v != null);
        if (v != null) {
          writeSigned(v, out);
        }
      }
    }
  }

  @Override
  public BuyerDay deserialize(DataInputView in) throws IOException {
    BuyerDay d = new BuyerDay(StringValue.readString(in), Math.toIntExact(readSigned(in)));
    int words = readSize(in);
    List<String> agents = new ArrayList<>(words);
    for (int i = 0; i < words; i++) {
      agents.add(StringValue.readString(in));
    }
    int turns = Math.toIntExact(readSigned(in));
    d.turns = turns < 0 ? null : new ArrayList<>(turns);
    String previous = null;
    for (int i = 0; i < turns; i++) {
      int flags = in.readUnsignedByte();
      if ((flags & NO_TURN) != 0) {
        d.turns.add(null);
        continue;
      }
      TurnOutcome t = new TurnOutcome();
      t.humanAnswered = (flags & HUMAN_ANSWERED) != 0;
      t.withinN = (flags & WITHIN_N) != 0;
      t.turnId = readFrontCoded(previous, in);
      previous = t.turnId;
      int agent = readSize(in);
      t.agentId = agent == 0 ? null : agents.get(agent - 1);
      d.turns.add(t);
    }
    int reported = Math.toIntExact(readSigned(in));
    d.reported = reported < 0 ? null : new HashMap<>(Math.max(4, 2 * reported));
    for (int i = 0; i < reported; i++) {
      String key = StringValue.readString(in);
      d.reported.put(key, in.readBoolean() ? Math.toIntExact(readSigned(in)) : null);
    }
    return d;
  }

  @Override
  protected CompactStateSnapshot<BuyerDay> newSnapshot() {
    return new Snapshot();
  }

  /** Restores state of earlier releases too ({@link CompactStateSnapshot}). */
  public static final class Snapshot extends CompactStateSnapshot<BuyerDay> {

    @Override
    protected CompactStateSerializer<BuyerDay> current() {
      return new BuyerDaySerializer();
    }
  }
}
