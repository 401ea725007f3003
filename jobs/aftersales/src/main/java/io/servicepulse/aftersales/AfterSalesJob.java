package io.servicepulse.aftersales;

import io.servicepulse.common.clickhouse.ClickHouseSink;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetterSinks;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.DecodedStreams;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.ServiceFeedback;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * AfterSalesJob: Kafka feedback-events, after-sales-events and agent-events → decode → ClickHouse
 * {@code service_feedback} (highest revision per feedback_id), {@code service_feedback_revisions}
 * (every revision), {@code after_sales_events} and {@code agent_events} facts, idempotent on
 * event_id. Records that do not decode, break the event model's rules or conflict with an earlier
 * copy of their event id go to dead letters (ClickHouse {@code dead_letters} and the Kafka
 * dead-letter topic). The after-sales, satisfaction and workload KPIs are computed from these facts
 * (jobs/aftersales/README.md).
 */
public final class AfterSalesJob {

  public static final String NAME = "aftersales";

  private AfterSalesJob() {}

  /** Where the job's four outputs go; tests collect them, {@link #main} writes ClickHouse. */
  public interface Sinks {
    void attach(
        DataStream<ServiceFeedback> feedback,
        DataStream<AfterSalesEvent> afterSales,
        DataStream<AgentEvent> agentEvents,
        DataStream<DeadLetter> deadLetters);
  }

  public static void defineWorkflow(
      StreamExecutionEnvironment env,
      Source<Decoded<ServiceFeedback>, ?, ?> feedbackSource,
      Source<Decoded<AfterSalesEvent>, ?, ?> afterSalesSource,
      Source<Decoded<AgentEvent>, ?, ?> agentSource,
      JobConfig config,
      Sinks sinks) {
    // Facts need no event time (records keep their Kafka timestamps for delay figures).
    SingleOutputStreamOperator<ServiceFeedback> feedback =
        DecodedStreams.of(
            env, EventKind.FEEDBACK, feedbackSource, EventTime.none(), config, NAME, NAME);
    SingleOutputStreamOperator<AfterSalesEvent> afterSales =
        DecodedStreams.of(
            env, EventKind.AFTER_SALES, afterSalesSource, EventTime.none(), config, NAME, NAME);
    SingleOutputStreamOperator<AgentEvent> agentEvents =
        DecodedStreams.of(env, EventKind.AGENT, agentSource, EventTime.none(), config, NAME, NAME);
    DataStream<DeadLetter> deadLetters =
        feedback
            .getSideOutput(DeadLetters.TAG)
            .union(
                afterSales.getSideOutput(DeadLetters.TAG),
                agentEvents.getSideOutput(DeadLetters.TAG));
    sinks.attach(feedback, afterSales, agentEvents, deadLetters);
  }

  /** The production wiring: Kafka sources, ClickHouse facts, dead letters to both places. */
  public static void wire(StreamExecutionEnvironment env, JobConfig config) {
    defineWorkflow(
        env,
        KafkaSources.of(EventKind.FEEDBACK, config, NAME).build(),
        KafkaSources.of(EventKind.AFTER_SALES, config, NAME).build(),
        KafkaSources.of(EventKind.AGENT, config, NAME).build(),
        config,
        (feedback, afterSales, agentEvents, deadLetters) -> {
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
          DeadLetterSinks.attach(NAME, deadLetters, config);
        });
  }

  public static void main(String[] args) throws Exception {
    StreamingJobs.run(NAME, args, AfterSalesJob::wire);
  }
}
