// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import io.servicepulse.aftersales.kpi.AgentTimeline;
import io.servicepulse.aftersales.kpi.CaseLedger;
import io.servicepulse.aftersales.kpi.FeedbackLedger;
import io.servicepulse.aftersales.kpi.KpiDelta;
import io.servicepulse.aftersales.kpi.KpiRow;
import io.servicepulse.aftersales.kpi.KpiRowAggregator;
import io.servicepulse.aftersales.kpi.KpiSettings;
import io.servicepulse.aftersales.kpi.LedgerFunction;
import io.servicepulse.common.clickhouse.ClickHouseSink;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetterSinks;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.DecodedStreams;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.decode.FirstCopyWins;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.flink.StringKeyTypeInfo;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.ServiceFeedback;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * AfterSalesJob: Kafka feedback-events, after-sales-events and agent-events → decode → ClickHouse
 * {@code service_feedback} (highest revision per feedback_id), {@code service_feedback_revisions}
 * (every revision), {@code after_sales_events} and {@code agent_events} facts, idempotent on
 * event_id. Records that do not decode, break the event model's rules or conflict with an earlier
 * copy of their event id go to dead letters (ClickHouse {@code dead_letters} and the Kafka
 * dead-letter topic). Events too late for the KPI rows are stored as facts all the same, and
 * dead-lettered (stage 'late') for the KPI rows only. In event time, per rating, case and agent
 * ({@link FeedbackLedger}, {@link CaseLedger}, {@link AgentTimeline}), the after-sales,
 * satisfaction and workload KPIs are summed into {@code agent_kpi_daily} rows per (shop, agent,
 * day), corrected as revisions and late payouts arrive (jobs/aftersales/README.md).
 */
public final class AfterSalesJob {

  public static final String NAME = "aftersales";

  private AfterSalesJob() {}

  /** Where the job's five outputs go; tests collect them, {@link #main} writes ClickHouse. */
  public interface Sinks {
    void attach(
        DataStream<ServiceFeedback> feedback,
        DataStream<AfterSalesEvent> afterSales,
        DataStream<AgentEvent> agentEvents,
        DataStream<KpiRow> kpiRows,
        DataStream<DeadLetter> deadLetters);
  }

  public static void defineWorkflow(
      StreamExecutionEnvironment env,
      Source<Decoded<ServiceFeedback>, ?, ?> feedbackSource,
      Source<Decoded<AfterSalesEvent>, ?, ?> afterSalesSource,
      Source<Decoded<AgentEvent>, ?, ?> agentSource,
      JobConfig config,
      Sinks sinks) {
    // Event time per partition: the KPI rows need it to know when a day is final.
    SingleOutputStreamOperator<ServiceFeedback> feedback =
        decoded(env, EventKind.FEEDBACK, feedbackSource, config);
    SingleOutputStreamOperator<AfterSalesEvent> afterSales =
        decoded(env, EventKind.AFTER_SALES, afterSalesSource, config);
    SingleOutputStreamOperator<AgentEvent> agentEvents =
        decoded(env, EventKind.AGENT, agentSource, config);
    KpiSettings settings = KpiSettings.from(config);
    SingleOutputStreamOperator<KpiDelta> ratingChanges =
        changes(
            feedback.keyBy(
                f -> f.getShopId() + '|' + f.getFeedbackId(), StringKeyTypeInfo.INSTANCE),
            new LedgerFunction<>(
                NAME,
                EventKind.FEEDBACK,
                FeedbackLedger.class,
                FeedbackLedger::startedBy,
                settings),
            "ratings",
            "rating");
    SingleOutputStreamOperator<KpiDelta> caseChanges =
        changes(
            afterSales.keyBy(a -> a.getShopId() + '|' + a.getCaseId(), StringKeyTypeInfo.INSTANCE),
            new LedgerFunction<>(
                NAME, EventKind.AFTER_SALES, CaseLedger.class, CaseLedger::startedBy, settings),
            "cases",
            "after-sales case");
    SingleOutputStreamOperator<KpiDelta> agentChanges =
        changes(
            agentEvents.keyBy(
                e -> e.getShopId() + '|' + e.getAgentId(), StringKeyTypeInfo.INSTANCE),
            new LedgerFunction<>(
                NAME, EventKind.AGENT, AgentTimeline.class, AgentTimeline::startedBy, settings),
            "agents",
            "agent");
    SingleOutputStreamOperator<KpiRow> kpiRows =
        ratingChanges
            .union(caseChanges, agentChanges)
            .keyBy(KpiDelta::rowKey, StringKeyTypeInfo.INSTANCE)
            .process(new KpiRowAggregator(NAME, settings))
            .uid(NAME + "-kpi-rows")
            .name("KPI rows per agent-day");
    DataStream<DeadLetter> deadLetters =
        feedback
            .getSideOutput(DeadLetters.TAG)
            .union(
                afterSales.getSideOutput(DeadLetters.TAG),
                agentEvents.getSideOutput(DeadLetters.TAG),
                ratingChanges.getSideOutput(DeadLetters.TAG),
                caseChanges.getSideOutput(DeadLetters.TAG),
                agentChanges.getSideOutput(DeadLetters.TAG),
                kpiRows.getSideOutput(DeadLetters.TAG));
    // Facts include the events too late for the KPI rows: a fact has no window to miss.
    sinks.attach(
        withLate(feedback, EventKind.FEEDBACK),
        withLate(afterSales, EventKind.AFTER_SALES),
        withLate(agentEvents, EventKind.AGENT),
        kpiRows,
        deadLetters);
  }

  private static <T> DataStream<T> withLate(
      SingleOutputStreamOperator<T> onTime, EventKind<T> kind) {
    return onTime.union(onTime.getSideOutput(FirstCopyWins.late(kind)));
  }

  private static <T> SingleOutputStreamOperator<T> decoded(
      StreamExecutionEnvironment env,
      EventKind<T> kind,
      Source<Decoded<T>, ?, ?> source,
      JobConfig config) {
    return DecodedStreams.of(env, kind, source, EventTime.of(kind, config), config, NAME, NAME);
  }

  /** The KPI row changes of one ledger per key; uid {@code aftersales-kpi-<label>}. */
  private static <E> SingleOutputStreamOperator<KpiDelta> changes(
      KeyedStream<E, String> events, LedgerFunction<E, ?> ledgers, String label, String what) {
    return events
        .process(ledgers)
        .returns(KpiDelta.class)
        .uid(NAME + "-kpi-" + label)
        .name("KPI changes per " + what);
  }

  /** The production wiring: Kafka sources, ClickHouse facts and KPI rows, dead letters. */
  public static void wire(StreamExecutionEnvironment env, JobConfig config) {
    defineWorkflow(
        env,
        KafkaSources.of(EventKind.FEEDBACK, config, NAME).build(),
        KafkaSources.of(EventKind.AFTER_SALES, config, NAME).build(),
        KafkaSources.of(EventKind.AGENT, config, NAME).build(),
        config,
        clickHouse(config));
  }

  /** The production sinks: ClickHouse facts and KPI rows, dead letters to both places. */
  public static Sinks clickHouse(JobConfig config) {
    return (feedback, afterSales, agentEvents, kpiRows, deadLetters) -> {
      feedback
          .sinkTo(ClickHouseSink.of(NAME, new FeedbackTable(), config))
          .uid(NAME + "-feedback-sink")
          .name("feedback -> ClickHouse service_feedback");
      feedback
          .sinkTo(ClickHouseSink.of(NAME, new FeedbackRevisionsTable(), config))
          .uid(NAME + "-feedback-revisions-sink")
          .name("feedback -> ClickHouse service_feedback_revisions");
      afterSales
          .sinkTo(ClickHouseSink.of(NAME, new AfterSalesEventsTable(), config))
          .uid(NAME + "-after-sales-sink")
          .name("after-sales -> ClickHouse after_sales_events");
      agentEvents
          .sinkTo(ClickHouseSink.of(NAME, new AgentEventsTable(), config))
          .uid(NAME + "-agent-events-sink")
          .name("agent events -> ClickHouse agent_events");
      kpiRows
          .sinkTo(ClickHouseSink.of(NAME, new AgentKpiTable(), config))
          .uid(NAME + "-kpi-sink")
          .name("KPI rows -> ClickHouse agent_kpi_daily");
      DeadLetterSinks.attach(NAME, deadLetters, config);
    };
  }

  public static void main(String[] args) throws Exception {
    StreamingJobs.run(NAME, args, AfterSalesJob::wire);
  }
}
