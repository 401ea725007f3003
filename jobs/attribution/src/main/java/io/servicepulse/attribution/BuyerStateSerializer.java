// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static io.servicepulse.common.flink.CompactCodec.readDecimal;
import static io.servicepulse.common.flink.CompactCodec.readFrontCoded;
import static io.servicepulse.common.flink.CompactCodec.readSigned;
import static io.servicepulse.common.flink.CompactCodec.readSize;
import static io.servicepulse.common.flink.CompactCodec.writeDecimal;
import static io.servicepulse.common.flink.CompactCodec.writeFrontCoded;
import static io.servicepulse.common.flink.CompactCodec.writeSigned;
import static io.servicepulse.common.flink.CompactCodec.writeVarLong;

import io.servicepulse.common.flink.CompactStateSerializer;
import io.servicepulse.common.flink.CompactStateSnapshot;
import io.servicepulse.common.flink.TextDictionary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A buyer's attribution state written field by field instead of by Flink's POJO serializer, which
 * was 43 % of AttributionJob's checkpoint thread (JFR, 2026-12-04): every agent, team, shop and
 * status string once per state and then as a one-byte index ({@link TextDictionary}), answers in
 * time order with their times as deltas and their ids front-coded, numbers as varints. Lossless,
 * nulls included; state written by the POJO serializer of earlier releases is migrated on restore
 * ({@link Snapshot}).
 */
public final class BuyerStateSerializer extends CompactStateSerializer<BuyerState> {

  private static final long serialVersionUID = 1L;

  @Override
  public BuyerState createInstance() {
    return new BuyerState();
  }

  @Override
  public BuyerState copy(BuyerState from) {
    return copyThroughBytes(from);
  }

  @Override
  public void serialize(BuyerState s, DataOutputView out) throws IOException {
    TextDictionary.Writer words = new TextDictionary.Writer(out);
    words.write(s.shopId);
    words.write(s.buyerId);
    writeSigned(s.openFromDay, out);
    writeSize(s.answers, out);
    if (s.answers != null) {
      String previousId = null;
      long previousTs = 0;
      for (Answer a : s.answers) {
        if (!present(a, out)) {
          continue;
        }
        writeFrontCoded(a.eventId, previousId, out);
        writeSigned(a.ts - previousTs, out);
        words.write(a.agentId);
        words.write(a.teamId);
        previousId = a.eventId;
        previousTs = a.ts;
      }
    }
    writeSize(s.orders == null ? null : s.orders.entrySet(), out);
    if (s.orders != null) {
      for (Map.Entry<String, OrderTrack> e : s.orders.entrySet()) {
        OrderTrack o = e.getValue();
        if (present(o, out)) {
          writeOrder(o, words, out);
        }
        words.write(e.getKey());
      }
    }
    writeSize(s.inquiries == null ? null : s.inquiries.entrySet(), out);
    if (s.inquiries != null) {
      for (Map.Entry<Integer, InquiryFact> e : s.inquiries.entrySet()) {
        writeSigned(e.getKey(), out);
        if (present(e.getValue(), out)) {
          writeInquiry(e.getValue(), words, out);
        }
      }
    }
    writeSize(s.contributions == null ? null : s.contributions.entrySet(), out);
    if (s.contributions != null) {
      for (Map.Entry<String, ConversionDelta> e : s.contributions.entrySet()) {
        ConversionDelta d = e.getValue();
        if (present(d, out)) {
          words.write(d.shopId);
          words.write(d.teamId);
          words.write(d.agentId);
          writeSigned(d.day, out);
          if (present(d.counts, out)) {
            writeCounts(d.counts, out);
          }
        }
        words.write(e.getKey());
      }
    }
  }

  @Override
  public BuyerState deserialize(DataInputView in) throws IOException {
    TextDictionary.Reader words = new TextDictionary.Reader(in);
    BuyerState s = new BuyerState();
    s.shopId = words.read();
    s.buyerId = words.read();
    s.openFromDay = Math.toIntExact(readSigned(in));
    int answers = readListSize(in);
    s.answers = answers < 0 ? null : new ArrayList<>(answers);
    String previousId = null;
    long previousTs = 0;
    for (int i = 0; i < answers; i++) {
      if (!in.readBoolean()) {
        s.answers.add(null);
        continue;
      }
      Answer a = new Answer();
      a.eventId = readFrontCoded(previousId, in);
      a.ts = previousTs + readSigned(in);
      a.agentId = words.read();
      a.teamId = words.read();
      previousId = a.eventId;
      previousTs = a.ts;
      s.answers.add(a);
    }
    int orders = readListSize(in);
    s.orders = orders < 0 ? null : new HashMap<>(capacity(orders));
    for (int i = 0; i < orders; i++) {
      OrderTrack o = in.readBoolean() ? readOrder(words, in) : null;
      s.orders.put(words.read(), o);
    }
    int inquiries = readListSize(in);
    s.inquiries = inquiries < 0 ? null : new HashMap<>(capacity(inquiries));
    for (int i = 0; i < inquiries; i++) {
      int day = Math.toIntExact(readSigned(in));
      s.inquiries.put(day, in.readBoolean() ? readInquiry(words, in) : null);
    }
    int contributions = readListSize(in);
    s.contributions = contributions < 0 ? null : new HashMap<>(capacity(contributions));
    for (int i = 0; i < contributions; i++) {
      ConversionDelta d = null;
      if (in.readBoolean()) {
        d = new ConversionDelta();
        d.shopId = words.read();
        d.teamId = words.read();
        d.agentId = words.read();
        d.day = Math.toIntExact(readSigned(in));
        d.counts = in.readBoolean() ? readCounts(in) : null;
      }
      s.contributions.put(words.read(), d);
    }
    return s;
  }

  private static void writeOrder(OrderTrack o, TextDictionary.Writer words, DataOutputView out)
      throws IOException {
    words.write(o.orderId);
    writeDecimal(o.amount, out);
    words.write(o.currency);
    writeSize(o.statusTimes == null ? null : o.statusTimes.entrySet(), out);
    if (o.statusTimes != null) {
      for (Map.Entry<String, Long> e : o.statusTimes.entrySet()) {
        words.write(e.getKey());
        if (present(e.getValue(), out)) {
          writeSigned(e.getValue(), out);
        }
      }
    }
    writeSigned(o.lastEventMs, out);
    if (present(o.frozenDecision, out)) {
      writeSigned(o.frozenDecision.decisionMs, out);
      writeCredit(o.frozenDecision.owner, words, out);
      writeCredits(o.frozenDecision.assists, words, out);
    }
    writeCredits(o.frozenFollowUps, words, out);
    if (present(o.emitted, out)) {
      writeOrderFact(o.emitted, words, out);
    }
  }

  private static OrderTrack readOrder(TextDictionary.Reader words, DataInputView in)
      throws IOException {
    OrderTrack o = new OrderTrack();
    o.orderId = words.read();
    o.amount = readDecimal(in);
    o.currency = words.read();
    int statuses = readListSize(in);
    o.statusTimes = statuses < 0 ? null : new HashMap<>(capacity(statuses));
    for (int i = 0; i < statuses; i++) {
      String status = words.read();
      o.statusTimes.put(status, in.readBoolean() ? readSigned(in) : null);
    }
    o.lastEventMs = readSigned(in);
    if (in.readBoolean()) {
      Decision d = new Decision();
      d.decisionMs = readSigned(in);
      d.owner = readCredit(words, in);
      d.assists = readCredits(words, in);
      o.frozenDecision = d;
    }
    o.frozenFollowUps = readCredits(words, in);
    o.emitted = in.readBoolean() ? readOrderFact(words, in) : null;
    return o;
  }

  private static void writeOrderFact(
      OrderAttributionFact f, TextDictionary.Writer words, DataOutputView out) throws IOException {
    words.write(f.shopId);
    words.write(f.orderId);
    words.write(f.buyerId);
    words.write(f.rule);
    out.writeByte((f.decided ? 1 : 0) | (f.silent ? 2 : 0));
    writeSigned(f.decisionMs, out);
    words.write(f.ownerAgentId);
    words.write(f.ownerTeamId);
    writeStrings(f.assistAgentIds, words, out);
    writeStrings(f.followUpAgentIds, words, out);
    writeDecimal(f.amount, out);
    words.write(f.currency);
    words.write(f.status);
    writeSigned(f.createdMs, out);
    writeSigned(f.paidMs, out);
    writeSigned(f.refundedMs, out);
    writeSigned(f.closedMs, out);
    writeSigned(f.version, out);
  }

  private static OrderAttributionFact readOrderFact(TextDictionary.Reader words, DataInputView in)
      throws IOException {
    OrderAttributionFact f = new OrderAttributionFact();
    f.shopId = words.read();
    f.orderId = words.read();
    f.buyerId = words.read();
    f.rule = words.read();
    int flags = in.readUnsignedByte();
    f.decided = (flags & 1) != 0;
    f.silent = (flags & 2) != 0;
    f.decisionMs = readSigned(in);
    f.ownerAgentId = words.read();
    f.ownerTeamId = words.read();
    f.assistAgentIds = readStrings(words, in);
    f.followUpAgentIds = readStrings(words, in);
    f.amount = readDecimal(in);
    f.currency = words.read();
    f.status = words.read();
    f.createdMs = readSigned(in);
    f.paidMs = readSigned(in);
    f.refundedMs = readSigned(in);
    f.closedMs = readSigned(in);
    f.version = readSigned(in);
    return f;
  }

  private static void writeInquiry(InquiryFact f, TextDictionary.Writer words, DataOutputView out)
      throws IOException {
    words.write(f.shopId);
    words.write(f.buyerId);
    writeSigned(f.day, out);
    out.writeByte(
        (f.inquiry ? 1 : 0)
            | (f.ordered ? 2 : 0)
            | (f.paidNextDay ? 4 : 0)
            | (f.paidInValidity ? 8 : 0));
    writeSigned(f.firstInquiryMs, out);
    writeStrings(f.answeredAgentIds, words, out);
    writeStrings(f.inquiryAgentIds, words, out);
    writeSigned(f.version, out);
  }

  private static InquiryFact readInquiry(TextDictionary.Reader words, DataInputView in)
      throws IOException {
    InquiryFact f = new InquiryFact();
    f.shopId = words.read();
    f.buyerId = words.read();
    f.day = Math.toIntExact(readSigned(in));
    int flags = in.readUnsignedByte();
    f.inquiry = (flags & 1) != 0;
    f.ordered = (flags & 2) != 0;
    f.paidNextDay = (flags & 4) != 0;
    f.paidInValidity = (flags & 8) != 0;
    f.firstInquiryMs = readSigned(in);
    f.answeredAgentIds = readStrings(words, in);
    f.inquiryAgentIds = readStrings(words, in);
    f.version = readSigned(in);
    return f;
  }

  private static void writeCounts(ConversionCounts c, DataOutputView out) throws IOException {
    writeSigned(c.inquiringBuyers, out);
    writeSigned(c.orderedBuyers, out);
    writeSigned(c.paidNextDayBuyers, out);
    writeSigned(c.paidInValidityBuyers, out);
    writeSigned(c.ownedOrders, out);
    writeSigned(c.assistedOrders, out);
    writeSigned(c.assistedFollowUps, out);
    writeSigned(c.followedUpBuyers, out);
    writeSigned(c.ownerPaidOrders, out);
    writeSigned(c.ownerPayingBuyers, out);
    writeSigned(c.refundedOrders, out);
    writeSigned(c.silentOrders, out);
    writeSigned(c.silentPaidOrders, out);
    writeSigned(c.silentRefundedOrders, out);
    writeDecimal(c.ownerSales, out);
    writeDecimal(c.refundAmount, out);
    writeDecimal(c.silentSales, out);
    writeDecimal(c.silentRefundAmount, out);
  }

  private static ConversionCounts readCounts(DataInputView in) throws IOException {
    ConversionCounts c = new ConversionCounts();
    c.inquiringBuyers = readSigned(in);
    c.orderedBuyers = readSigned(in);
    c.paidNextDayBuyers = readSigned(in);
    c.paidInValidityBuyers = readSigned(in);
    c.ownedOrders = readSigned(in);
    c.assistedOrders = readSigned(in);
    c.assistedFollowUps = readSigned(in);
    c.followedUpBuyers = readSigned(in);
    c.ownerPaidOrders = readSigned(in);
    c.ownerPayingBuyers = readSigned(in);
    c.refundedOrders = readSigned(in);
    c.silentOrders = readSigned(in);
    c.silentPaidOrders = readSigned(in);
    c.silentRefundedOrders = readSigned(in);
    c.ownerSales = readDecimal(in);
    c.refundAmount = readDecimal(in);
    c.silentSales = readDecimal(in);
    c.silentRefundAmount = readDecimal(in);
    return c;
  }

  private static void writeCredit(AgentCredit c, TextDictionary.Writer words, DataOutputView out)
      throws IOException {
    if (present(c, out)) {
      words.write(c.agentId);
      words.write(c.teamId);
      writeSigned(c.ts, out);
    }
  }

  private static AgentCredit readCredit(TextDictionary.Reader words, DataInputView in)
      throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    AgentCredit c = new AgentCredit();
    c.agentId = words.read();
    c.teamId = words.read();
    c.ts = readSigned(in);
    return c;
  }

  private static void writeCredits(
      List<AgentCredit> credits, TextDictionary.Writer words, DataOutputView out)
      throws IOException {
    writeList(credits, out, c -> writeCredit(c, words, out));
  }

  private static List<AgentCredit> readCredits(TextDictionary.Reader words, DataInputView in)
      throws IOException {
    return readList(in, () -> readCredit(words, in));
  }

  private static void writeStrings(
      List<String> strings, TextDictionary.Writer words, DataOutputView out) throws IOException {
    writeList(strings, out, words::write);
  }

  private static List<String> readStrings(TextDictionary.Reader words, DataInputView in)
      throws IOException {
    return readList(in, words::read);
  }

  /** Writes one element of a list. */
  private interface ElementWriter<E> {
    void write(E element) throws IOException;
  }

  /** Reads one element of a list. */
  private interface ElementReader<E> {
    E read() throws IOException;
  }

  /** A list's size (or null), then its elements. */
  private static <E> void writeList(List<E> list, DataOutputView out, ElementWriter<E> element)
      throws IOException {
    writeSize(list, out);
    if (list != null) {
      for (E e : list) {
        element.write(e);
      }
    }
  }

  private static <E> List<E> readList(DataInputView in, ElementReader<E> element)
      throws IOException {
    int n = readListSize(in);
    if (n < 0) {
      return null;
    }
    List<E> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(element.read());
    }
    return list;
  }

  /** A collection's size + 1, or 0 for null. */
  private static void writeSize(java.util.Collection<?> c, DataOutputView out) throws IOException {
    writeVarLong(c == null ? 0 : c.size() + 1L, out);
  }

  /** The size {@link #writeSize} wrote; −1 for null. */
  private static int readListSize(DataInputView in) throws IOException {
    return readSize(in) - 1;
  }

  /** Writes whether {@code value} is there; true if it is (its fields follow). */
  private static boolean present(Object value, DataOutputView out) throws IOException {
    out.writeBoolean(value != null);
    return value != null;
  }

  private static int capacity(int size) {
    return Math.max(4, size * 4 / 3 + 1);
  }

  @Override
  protected CompactStateSnapshot<BuyerState> newSnapshot() {
    return new Snapshot();
  }

  /** Restores state of earlier releases too ({@link CompactStateSnapshot}). */
  public static final class Snapshot extends CompactStateSnapshot<BuyerState> {

    @Override
    protected CompactStateSerializer<BuyerState> current() {
      return new BuyerStateSerializer();
    }
  }
}
