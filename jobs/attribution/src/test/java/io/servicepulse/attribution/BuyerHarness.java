// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.testing.EventFixtures;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * {@link AttributionFunction} in a {@link KeyedTwoInputStreamOperatorTestHarness}: events in,
 * watermarks by hand, and the outputs read back as a user would see them in ClickHouse (the latest
 * version of each fact, conversion rows summed from the corrections).
 */
final class BuyerHarness implements AutoCloseable {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 2);

  final KeyedTwoInputStreamOperatorTestHarness<String, ChatMessage, OrderEvent, ConversionDelta>
      harness;

  BuyerHarness(AttributionSettings settings) throws Exception {
    this(settings, null);
  }

  /** Restored from {@code snapshot} (null: empty), as after a failover. */
  BuyerHarness(AttributionSettings settings, OperatorSubtaskState snapshot) throws Exception {
    this(new AttributionFunction("attribution", settings), snapshot);
  }

  /** {@code function} restored from {@code snapshot} (null: empty). */
  BuyerHarness(AttributionFunction function, OperatorSubtaskState snapshot) throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(function),
            AttributionFunction::keyOf,
            AttributionFunction::keyOf,
            Types.STRING);
    // Room for a whole replay's buyers in a snapshot (the benchmark's); the default is 5 MB.
    harness.setCheckpointStorage(new JobManagerCheckpointStorage(64 << 20));
    if (snapshot != null) {
      harness.initializeState(snapshot);
    }
    harness.open();
  }

  OperatorSubtaskState snapshot() throws Exception {
    return harness.snapshot(1, 1);
  }

  /** Every order fact emitted so far, in emission order. */
  List<OrderAttributionFact> orderFacts() {
    return side(AttributionFunction.ORDER_FACTS);
  }

  BuyerHarness() throws Exception {
    this(AttributionSettings.defaults());
  }

  BuyerHarness chat(ChatMessage m) throws Exception {
    harness.processElement1(new StreamRecord<>(m, m.getTs().toEpochMilli()));
    return this;
  }

  BuyerHarness order(OrderEvent e) throws Exception {
    harness.processElement2(new StreamRecord<>(e, e.getTs().toEpochMilli()));
    return this;
  }

  /** Both inputs' watermark at BEGINNING + at. */
  BuyerHarness watermark(Duration at) throws Exception {
    harness.processBothWatermarks(new Watermark(EventFixtures.BEGINNING.plus(at).toEpochMilli()));
    return this;
  }

  List<ConversionDelta> deltas() {
    return harness.extractOutputValues();
  }

  /** Conversion rows as the aggregator would hold them, by "shop|team|agent|day". */
  Map<String, ConversionCounts> rows() {
    Map<String, ConversionCounts> rows = new LinkedHashMap<>();
    for (ConversionDelta d : deltas()) {
      rows.computeIfAbsent(d.rowKey(), k -> new ConversionCounts()).add(d.counts, 1);
    }
    rows.values().removeIf(ConversionCounts::isZero);
    return rows;
  }

  ConversionCounts row(String agent, LocalDate day) {
    return row(EventFixtures.SHOP, EventFixtures.TEAM, agent, day);
  }

  ConversionCounts row(String shop, String team, String agent, LocalDate day) {
    return rows()
        .getOrDefault(
            shop + '|' + team + '|' + agent + '|' + day.toEpochDay(), new ConversionCounts());
  }

  ConversionCounts silentRow(String shop, LocalDate day) {
    return row(shop, "", "", day);
  }

  /** The latest version of each order's fact, by order id. */
  Map<String, OrderAttributionFact> orders() {
    Map<String, OrderAttributionFact> latest = new LinkedHashMap<>();
    for (OrderAttributionFact f : side(AttributionFunction.ORDER_FACTS)) {
      latest.merge(f.orderId, f, (a, b) -> b.version > a.version ? b : a);
    }
    return latest;
  }

  OrderAttributionFact orderFact(String orderId) {
    return orders().get(orderId);
  }

  /** The latest version of each inquiry fact, by "buyer@day". */
  Map<String, InquiryFact> inquiries() {
    Map<String, InquiryFact> latest = new LinkedHashMap<>();
    for (InquiryFact f : side(AttributionFunction.INQUIRY_FACTS)) {
      latest.merge(
          f.shopId + "/" + f.buyerId + "@" + LocalDate.ofEpochDay(f.day),
          f,
          (a, b) -> b.version > a.version ? b : a);
    }
    return latest;
  }

  List<DeadLetter> deadLetters() {
    return side(DeadLetters.TAG);
  }

  int stateEntries() {
    return harness.numKeyedStateEntries();
  }

  int timers() {
    return harness.numEventTimeTimers();
  }

  private <T> List<T> side(OutputTag<T> tag) {
    List<T> values = new ArrayList<>();
    var records = harness.getSideOutput(tag);
    if (records != null) {
      records.forEach(r -> values.add(r.getValue()));
    }
    return values;
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
