// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.ServiceFeedback;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The job's KPI operators in Flink test harnesses, chained by hand: ratings, cases and agents feed
 * their ledger functions, whose row changes feed the row aggregator. Keeps every row emitted.
 */
final class KpiHarness implements AutoCloseable {

  final KpiSettings settings;
  private final KeyedOneInputStreamOperatorTestHarness<String, ServiceFeedback, KpiDelta> ratings;
  private final KeyedOneInputStreamOperatorTestHarness<String, AfterSalesEvent, KpiDelta> cases;
  private final KeyedOneInputStreamOperatorTestHarness<String, AgentEvent, KpiDelta> agents;
  private final KeyedOneInputStreamOperatorTestHarness<String, KpiDelta, KpiRow> rows;

  /** Every row emitted, in order. */
  final List<KpiRow> emitted = new ArrayList<>();

  KpiHarness() throws Exception {
    this(KpiSettings.defaults());
  }

  KpiHarness(KpiSettings settings) throws Exception {
    this.settings = settings;
    ratings =
        ledgers(
            EventKind.FEEDBACK,
            FeedbackLedger.class,
            FeedbackLedger::startedBy,
            f -> f.getShopId() + '|' + f.getFeedbackId());
    cases =
        ledgers(
            EventKind.AFTER_SALES,
            CaseLedger.class,
            CaseLedger::startedBy,
            a -> a.getShopId() + '|' + a.getCaseId());
    agents =
        ledgers(
            EventKind.AGENT,
            AgentTimeline.class,
            AgentTimeline::startedBy,
            e -> e.getShopId() + '|' + e.getAgentId());
    rows =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new KpiRowAggregator("aftersales", settings)),
            KpiDelta::rowKey,
            Types.STRING);
    ratings.open();
    cases.open();
    agents.open();
    rows.open();
  }

  private <E, L extends Ledger<E>>
      KeyedOneInputStreamOperatorTestHarness<String, E, KpiDelta> ledgers(
          EventKind<E> kind,
          Class<L> type,
          SerializableFunction<E, L> starter,
          KeySelector<E, String> key)
          throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            new LedgerFunction<>("aftersales", kind, type, starter, settings)),
        key,
        Types.STRING);
  }

  void rating(ServiceFeedback f) throws Exception {
    ratings.processElement(f, f.getTs().toEpochMilli());
    forward();
  }

  void afterSales(AfterSalesEvent a) throws Exception {
    cases.processElement(a, a.getTs().toEpochMilli());
    forward();
  }

  void agent(AgentEvent e) throws Exception {
    agents.processElement(e, e.getTs().toEpochMilli());
    forward();
  }

  /** Moves event time of every operator to {@code watermark}. */
  void watermark(long watermark) throws Exception {
    ratings.processWatermark(watermark);
    cases.processWatermark(watermark);
    agents.processWatermark(watermark);
    forward();
    rows.processWatermark(watermark);
  }

  /** Moves processing time (drops what was closed in event time). */
  void wallClock(long ms) throws Exception {
    ratings.setProcessingTime(ms);
    cases.setProcessingTime(ms);
    agents.setProcessingTime(ms);
    rows.setProcessingTime(ms);
  }

  private void forward() throws Exception {
    for (var h : List.of(ratings, cases, agents)) {
      for (KpiDelta d : h.extractOutputValues()) {
        rows.processElement(new StreamRecord<>(d));
      }
      h.getOutput().clear();
    }
    emitted.addAll(rows.extractOutputValues());
    rows.getOutput().clear();
  }

  /** The latest row per "shop|agent|day", as ClickHouse keeps it. */
  Map<String, KpiRow> latest() {
    Map<String, KpiRow> out = new TreeMap<>();
    for (KpiRow r : emitted) {
      KpiRow before = out.get(r.rowKey());
      if (before == null || r.version > before.version) {
        out.put(r.rowKey(), r);
      }
    }
    return out;
  }

  /** Dead letters of every operator. */
  List<DeadLetter> deadLetters() {
    List<DeadLetter> out = new ArrayList<>();
    for (var h : List.of(ratings, cases, agents)) {
      add(h.getSideOutput(DeadLetters.TAG), out);
    }
    add(rows.getSideOutput(DeadLetters.TAG), out);
    return out;
  }

  /** A side output nothing was written to is null. */
  private static void add(Collection<StreamRecord<DeadLetter>> letters, List<DeadLetter> out) {
    if (letters != null) {
      letters.forEach(r -> out.add(r.getValue()));
    }
  }

  /** Keyed state entries left in the ledgers and rows. */
  int stateEntries() {
    return ratings.numKeyedStateEntries()
        + cases.numKeyedStateEntries()
        + agents.numKeyedStateEntries()
        + rows.numKeyedStateEntries();
  }

  @Override
  public void close() throws Exception {
    ratings.close();
    cases.close();
    agents.close();
    rows.close();
  }
}
