// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import static io.servicepulse.common.flink.CompactCodec.readFrontCoded;
import static io.servicepulse.common.flink.CompactCodec.readSigned;
import static io.servicepulse.common.flink.CompactCodec.readSize;
import static io.servicepulse.common.flink.CompactCodec.readVarLong;
import static io.servicepulse.common.flink.CompactCodec.writeFrontCoded;
import static io.servicepulse.common.flink.CompactCodec.writeSigned;
import static io.servicepulse.common.flink.CompactCodec.writeVarLong;

import io.servicepulse.common.flink.CompactStateSerializer;
import io.servicepulse.common.flink.CompactStateSnapshot;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A minute row's state in a few bytes per pending item instead of the POJO serializer's ~190 (a
 * null flag and eight bytes for each of fifteen sums, mostly zero): sums as a bit mask of the
 * fields that are not zero followed by those as varints, item ids front-coded, final times as
 * varint distances from the minute. A live run keeps every turn of the reply timeout pending, and
 * those rows were half of each checkpoint. Lossless; state written by the POJO serializer of
 * earlier releases is migrated on restore ({@link Snapshot}). Deep copies (for the heap backend's
 * copy-on-write snapshots) are made field by field.
 */
public final class MinuteAggregatorSerializer extends CompactStateSerializer<MinuteAggregator> {

  private static final long serialVersionUID = 1L;

  /** The number of sums in {@link MinuteSums}, in the order written (a test keeps it in step). */
  static final int SUMS = 15;

  // Row flags
  private static final int PENDING_SUMS = 1;
  private static final int PENDING_MAX_STALE = 1 << 1;
  private static final int PENDING_NEXT_FINAL_AT = 1 << 2;
  private static final int DIRTY = 1 << 3;

  // Final times that are often MAX_VALUE (an open conversation's items)
  private static final int FINAL_MAX = 0;
  private static final int FINAL_NEAR = 1;

  @Override
  public MinuteAggregator createInstance() {
    return new MinuteAggregator();
  }

  @Override
  public MinuteAggregator copy(MinuteAggregator from) {
    MinuteAggregator c = new MinuteAggregator();
    c.shopId = from.shopId;
    c.teamId = from.teamId;
    c.agentId = from.agentId;
    c.minuteMs = from.minuteMs;
    c.settled = copy(from.settled);
    c.pending = new HashMap<>(Math.max(4, 2 * from.pending.size()));
    for (Map.Entry<String, PendingItem> e : from.pending.entrySet()) {
      PendingItem item = e.getValue();
      c.pending.put(
          e.getKey(), item == null ? null : new PendingItem(copy(item.values), item.finalAtMs));
    }
    c.pendingSums = copy(from.pendingSums);
    c.pendingMaxStale = from.pendingMaxStale;
    c.pendingNextFinalAt = from.pendingNextFinalAt;
    c.version = from.version;
    c.dirty = from.dirty;
    return c;
  }

  private static MinuteSums copy(MinuteSums s) {
    if (s == null) {
      return null;
    }
    MinuteSums c = new MinuteSums();
    long[] values = values(s);
    set(c, values);
    return c;
  }

  @Override
  public void serialize(MinuteAggregator a, DataOutputView out) throws IOException {
    StringValue.writeString(a.shopId, out);
    StringValue.writeString(a.teamId, out);
    StringValue.writeString(a.agentId, out);
    out.writeLong(a.minuteMs);
    int flags = a.pendingSums != null ? PENDING_SUMS : 0;
    flags |= a.pendingMaxStale ? PENDING_MAX_STALE : 0;
    flags |= a.pendingNextFinalAt != null ? PENDING_NEXT_FINAL_AT : 0;
    flags |= a.dirty ? DIRTY : 0;
    out.writeByte(flags);
    writeSigned(a.version, out);
    writeSums(a.settled, out);
    if (a.pendingSums != null) {
      writeSums(a.pendingSums, out);
    }
    if (a.pendingNextFinalAt != null) {
      writeFinalAt(a.pendingNextFinalAt, a.minuteMs, out);
    }
    writeVarLong(a.pending.size(), out);
    String previous = null;
    for (Map.Entry<String, PendingItem> e : a.pending.entrySet()) {
      writeFrontCoded(e.getKey(), previous, out);
      previous = e.getKey();
      PendingItem item = e.getValue();
      // A null item (never made by the aggregator) is kept as such: lossless for any value.
      out.writeBoolean(item != null);
      if (item != null) {
        writeSums(item.values, out);
        writeFinalAt(item.finalAtMs, a.minuteMs, out);
      }
    }
  }

  @Override
  public MinuteAggregator deserialize(DataInputView in) throws IOException {
    MinuteAggregator a = new MinuteAggregator();
    a.shopId = StringValue.readString(in);
    a.teamId = StringValue.readString(in);
    a.agentId = StringValue.readString(in);
    a.minuteMs = in.readLong();
    int flags = in.readUnsignedByte();
    a.pendingMaxStale = (flags & PENDING_MAX_STALE) != 0;
    a.dirty = (flags & DIRTY) != 0;
    a.version = readSigned(in);
    a.settled = readSums(in);
    a.pendingSums = (flags & PENDING_SUMS) != 0 ? readSums(in) : null;
    a.pendingNextFinalAt =
        (flags & PENDING_NEXT_FINAL_AT) != 0 ? readFinalAt(a.minuteMs, in) : null;
    int n = readSize(in);
    a.pending = new HashMap<>(Math.max(4, 2 * n));
    String previous = null;
    for (int i = 0; i < n; i++) {
      String id = readFrontCoded(previous, in);
      previous = id;
      PendingItem item = null;
      if (in.readBoolean()) {
        item = new PendingItem(readSums(in), 0);
        item.finalAtMs = readFinalAt(a.minuteMs, in);
      }
      a.pending.put(id, item);
    }
    return a;
  }

  @Override
  protected CompactStateSnapshot<MinuteAggregator> newSnapshot() {
    return new Snapshot();
  }

  /** A null flag, then a mask of the non-zero sums (varint) and each of them (zig-zag). */
  static void writeSums(MinuteSums s, DataOutputView out) throws IOException {
    if (s == null) {
      writeVarLong(-1L, out);
      return;
    }
    long[] values = values(s);
    long mask = 0;
    for (int i = 0; i < SUMS; i++) {
      if (values[i] != 0) {
        mask |= 1L << i;
      }
    }
    writeVarLong(mask, out);
    for (int i = 0; i < SUMS; i++) {
      if (values[i] != 0) {
        writeSigned(values[i], out);
      }
    }
  }

  static MinuteSums readSums(DataInputView in) throws IOException {
    long mask = readVarLong(in);
    if (mask == -1L) {
      return null;
    }
    long[] values = new long[SUMS];
    for (int i = 0; i < SUMS; i++) {
      if ((mask & (1L << i)) != 0) {
        values[i] = readSigned(in);
      }
    }
    MinuteSums s = new MinuteSums();
    set(s, values);
    return s;
  }

  private static void writeFinalAt(long finalAtMs, long minuteMs, DataOutputView out)
      throws IOException {
    if (finalAtMs == Long.MAX_VALUE) {
      out.writeByte(FINAL_MAX);
    } else {
      out.writeByte(FINAL_NEAR);
      writeSigned(finalAtMs - minuteMs, out);
    }
  }

  private static long readFinalAt(long minuteMs, DataInputView in) throws IOException {
    int kind = in.readUnsignedByte();
    return switch (kind) {
      case FINAL_MAX -> Long.MAX_VALUE;
      case FINAL_NEAR -> minuteMs + readSigned(in);
      default -> throw new IOException("unknown final time kind " + kind);
    };
  }

  /** The sums in the order they are written. */
  static long[] values(MinuteSums s) {
    return new long[] {
      s.turns,
      s.answered,
      s.unanswered,
      s.slow,
      s.responseMsSum,
      s.responseMsCount,
      s.responseMsMax,
      s.answeredWithin30s,
      s.answeredWithin60s,
      s.answeredWithin180s,
      s.firstResponseMsSum,
      s.firstResponseCount,
      s.conversations,
      s.conversationsWithHumanAnswer,
      s.agentMessages
    };
  }

  static void set(MinuteSums s, long[] v) {
    s.turns = v[0];
    s.answered = v[1];
    s.unanswered = v[2];
    s.slow = v[3];
    s.responseMsSum = v[4];
    s.responseMsCount = v[5];
    s.responseMsMax = v[6];
    s.answeredWithin30s = v[7];
    s.answeredWithin60s = v[8];
    s.answeredWithin180s = v[9];
    s.firstResponseMsSum = v[10];
    s.firstResponseCount = v[11];
    s.conversations = v[12];
    s.conversationsWithHumanAnswer = v[13];
    s.agentMessages = v[14];
  }

  /** Restores state of earlier releases too ({@link CompactStateSnapshot}). */
  public static final class Snapshot extends CompactStateSnapshot<MinuteAggregator> {

    @Override
    protected CompactStateSerializer<MinuteAggregator> current() {
      return new MinuteAggregatorSerializer();
    }
  }
}
