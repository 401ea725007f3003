// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.DecodedStreams;
import io.servicepulse.common.flink.EndOfEventTime;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.flink.StringKeyTypeInfo;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * AttributionJob: chat answers and order events → per (shop, buyer) in event time → inquiry facts,
 * order attribution facts (owner 落实, assists 协助下单, follow-ups 协助跟进, silent 静默下单) and per (shop,
 * team, agent, day) conversion and sales rows plus per-shop silent rows, all upserted in ClickHouse
 * with deterministic keys and versions. Late events go to dead letters.
 */
public final class AttributionJob {

  public static final String NAME = "attribution";

  private static final String ALIGNMENT_GROUP = "attribution-sources";

  private AttributionJob() {}

  /** Where the job's outputs go; tests collect them, {@link #main} writes ClickHouse. */
  public interface Sinks {
    void attach(
        DataStream<OrderAttributionFact> orders,
        DataStream<InquiryFact> inquiries,
        DataStream<ConversionRow> agentRows,
        DataStream<ConversionRow> silentRows,
        DataStream<DeadLetter> deadLetters);
  }

  public static void defineWorkflow(
      StreamExecutionEnvironment env,
      Source<Decoded<ChatMessage>, ?, ?> chatSource,
      Source<Decoded<OrderEvent>, ?, ?> orderSource,
      JobConfig config,
      Sinks sinks) {
    AttributionSettings settings = AttributionSettings.from(config);
    SingleOutputStreamOperator<ChatMessage> messages =
        DecodedStreams.chatMessages(
            env,
            chatSource,
            aligned(EventTime.chatMessages(config), config),
            config,
            NAME,
            "attribution");
    SingleOutputStreamOperator<OrderEvent> orders =
        DecodedStreams.orderEvents(
            env,
            orderSource,
            aligned(EventTime.orderEvents(config), config),
            config,
            NAME,
            "attribution");
    // Only answers cross the shuffle to the buyers' ledgers (about half of all messages); the
    // filter follows dedup, so every copy is still judged there as in the other jobs.
    DataStream<ChatMessage> answers =
        messages
            .filter(AttributionFunction::isAnswer)
            .uid("attribution-answers")
            .name("agent answers only");
    SingleOutputStreamOperator<ConversionDelta> deltas =
        answers
            .connect(orders)
            .keyBy(
                AttributionFunction::keyOf, AttributionFunction::keyOf, StringKeyTypeInfo.INSTANCE)
            .transform(
                "attribute orders per buyer",
                TypeInformation.of(ConversionDelta.class),
                EndOfEventTime.of(new AttributionFunction(NAME, settings)))
            .uid("attribution-buyers");
    SingleOutputStreamOperator<ConversionRow> rows =
        deltas
            .keyBy(ConversionDelta::rowKey, StringKeyTypeInfo.INSTANCE)
            .process(new ConversionAggregator(NAME, settings))
            .uid("attribution-conversion-rows")
            .name("conversion rows per agent-day");
    DataStream<DeadLetter> deadLetters =
        messages
            .getSideOutput(DeadLetters.TAG)
            .union(
                orders.getSideOutput(DeadLetters.TAG),
                deltas.getSideOutput(DeadLetters.TAG),
                rows.getSideOutput(DeadLetters.TAG));
    sinks.attach(
        deltas.getSideOutput(AttributionFunction.ORDER_FACTS),
        deltas.getSideOutput(AttributionFunction.INQUIRY_FACTS),
        rows.filter(ConversionRow::isAgentRow).uid("attribution-agent-rows").name("agent rows"),
        rows.filter(ConversionRow::isSilentRow).uid("attribution-silent-rows").name("silent rows"),
        deadLetters);
  }

  /**
   * Both topics in one alignment group, so one topic's reader cannot run far ahead of the other (a
   * memory bound only: results are exact either way). Not for sources stopped at the end offsets:
   * the Kafka connector 5.0.0 can pause a split that has just finished and fail the job
   * (FLINK-39728), and a bounded source restored from a checkpoint never finishes (FLINK-31006).
   */
  private static <T> WatermarkStrategy<Decoded<T>> aligned(
      WatermarkStrategy<Decoded<T>> strategy, JobConfig config) {
    if (KafkaSources.isBounded(config)) {
      return strategy;
    }
    Duration maxDrift = config.get(ServicePulseOptions.EVENTS_MAX_OUT_OF_ORDERNESS);
    return EventTime.aligned(strategy, ALIGNMENT_GROUP, maxDrift);
  }

  /** The production job: Kafka sources, ClickHouse sinks. */
  public static void wire(StreamExecutionEnvironment env, JobConfig config) {
    defineWorkflow(
        env,
        KafkaSources.chatMessages(config, NAME).build(),
        KafkaSources.orderEvents(config, NAME).build(),
        config,
        new ClickHouseSinks(config));
  }

  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfig.fromArgs(args);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    wire(env, config);
    env.execute("ServicePulse " + NAME);
  }
}
