// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.clickhouse.ClickHouseSink;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetterSinks;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.DecodedStreams;
import io.servicepulse.common.flink.EndOfEventTime;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.flink.StringKeyTypeInfo;
import io.servicepulse.common.kafka.KafkaSinks;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.metrics.aggregate.AgentMessageSums;
import io.servicepulse.metrics.aggregate.MinuteAggregateFunction;
import io.servicepulse.metrics.aggregate.MinuteContribution;
import io.servicepulse.metrics.aggregate.MinuteContributionSerializer;
import io.servicepulse.metrics.aggregate.MinuteRow;
import io.servicepulse.metrics.rate.BuyerDayFunction;
import io.servicepulse.metrics.rate.DailyReplyRate;
import io.servicepulse.metrics.rate.DailyReplyRateFunction;
import io.servicepulse.metrics.rate.ReplyRateDelta;
import io.servicepulse.metrics.sink.DailyReplyRateTable;
import io.servicepulse.metrics.sink.MinuteTable;
import io.servicepulse.metrics.sink.TurnsTable;
import io.servicepulse.metrics.sink.WaitAlertJson;
import io.servicepulse.metrics.sink.WaitAlertsTable;
import io.servicepulse.metrics.turn.TurnFact;
import io.servicepulse.metrics.turn.TurnFactSerializer;
import io.servicepulse.metrics.turn.TurnTracker;
import io.servicepulse.metrics.wait.WaitAlert;
import io.servicepulse.metrics.wait.WaitAlertJudge;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * ServiceMetricsJob: Kafka chat-messages, decoded with event time per partition → {@link
 * TurnTracker} per (shop, buyer) → ClickHouse {@code turns} (one row per turn), {@code
 * service_minute} (per shop, team, agent, minute: turns, response times, conversations, agent
 * messages) and {@code n_minute_reply_daily} (per-buyer N-minute human reply rate per shop and per
 * agent and day). Late and undecodable messages go to dead letters. Definitions: DESIGN.md "Metric
 * definitions".
 */
public final class ServiceMetricsJob {

  public static final String NAME = "service-metrics";

  private ServiceMetricsJob() {}

  /** Where the job's outputs go; tests collect them, {@link #main} writes ClickHouse. */
  public interface Sinks {
    void attach(
        DataStream<TurnFact> turns,
        DataStream<MinuteRow> minutes,
        DataStream<DailyReplyRate> replyRates,
        DataStream<WaitAlert> waitAlerts,
        DataStream<DeadLetter> deadLetters);
  }

  /**
   * @param eventTime timestamps and watermarks made in the source per partition; {@link #main} uses
   *     {@link EventTime#chatMessages}, tests may use watermarks that do not depend on wall-clock
   *     time
   */
  public static void defineWorkflow(
      StreamExecutionEnvironment env,
      Source<Decoded<ChatMessage>, ?, ?> chatSource,
      WatermarkStrategy<Decoded<ChatMessage>> eventTime,
      JobConfig config,
      Sinks sinks) {
    MetricsSettings settings = MetricsSettings.from(config);
    SingleOutputStreamOperator<ChatMessage> messages =
        DecodedStreams.chatMessages(env, chatSource, eventTime, config, NAME, "metrics");
    SingleOutputStreamOperator<TurnFact> turns =
        messages
            .keyBy(new ShopBuyerKey(), StringKeyTypeInfo.INSTANCE)
            .transform(
                "turns and waiting-buyer alerts per (shop, buyer)",
                TurnFactSerializer.TYPE,
                EndOfEventTime.of(new TurnTracker(NAME, settings)))
            .uid("metrics-turn-tracker");
    SingleOutputStreamOperator<MinuteRow> minutes =
        turns
            .map(MinuteContribution::ofTurn, MinuteContributionSerializer.TYPE)
            .uid("metrics-turn-contributions")
            .name("turn -> minute contribution")
            .union(
                turns
                    .getSideOutput(TurnTracker.CONTRIBUTIONS)
                    .transform(
                        "sum agent messages per (shop, team, agent, minute)",
                        MinuteContributionSerializer.TYPE,
                        new AgentMessageSums())
                    .uid("metrics-agent-message-sums"))
            .keyBy(MinuteContribution::rowKey, StringKeyTypeInfo.INSTANCE)
            .process(new MinuteAggregateFunction(NAME, settings))
            .uid("metrics-minute-aggregate")
            .name("aggregate per (shop, team, agent, minute)");
    SingleOutputStreamOperator<ReplyRateDelta> buyerDays =
        turns
            .filter(t -> t.businessHours)
            .uid("metrics-business-hours-turns")
            .name("business-hours turns")
            .keyBy(BuyerDayFunction::key, StringKeyTypeInfo.INSTANCE)
            .process(new BuyerDayFunction(NAME, settings))
            .uid("metrics-buyer-day")
            .name("N-minute flags per (shop, buyer, day)");
    SingleOutputStreamOperator<DailyReplyRate> replyRates =
        buyerDays
            .keyBy(ReplyRateDelta::rowKey, StringKeyTypeInfo.INSTANCE)
            .process(new DailyReplyRateFunction(NAME, settings))
            .uid("metrics-daily-reply-rate")
            .name("N-minute reply rate per (shop, agent, day)");
    DataStream<WaitAlert> waitAlerts = turns.getSideOutput(WaitAlertJudge.ALERTS);
    DataStream<DeadLetter> deadLetters =
        messages
            .getSideOutput(DeadLetters.TAG)
            .union(
                turns.getSideOutput(DeadLetters.TAG),
                minutes.getSideOutput(DeadLetters.TAG),
                buyerDays.getSideOutput(DeadLetters.TAG),
                replyRates.getSideOutput(DeadLetters.TAG));
    sinks.attach(turns, minutes, replyRates, waitAlerts, deadLetters);
  }

  /** The production job: Kafka source, the configured watermarks, ClickHouse sinks. */
  public static void wire(StreamExecutionEnvironment env, JobConfig config) {
    defineWorkflow(
        env,
        KafkaSources.chatMessages(config, NAME).build(),
        EventTime.chatMessages(config),
        config,
        (turns, minutes, replyRates, waitAlerts, deadLetters) ->
            clickHouse(config, turns, minutes, replyRates, waitAlerts, deadLetters));
  }

  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfig.fromArgs(args);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    wire(env, config);
    env.execute("ServicePulse " + NAME);
  }

  /** The production sinks: the three ClickHouse tables and the dead-letter destinations. */
  public static void clickHouse(
      JobConfig config,
      DataStream<TurnFact> turns,
      DataStream<MinuteRow> minutes,
      DataStream<DailyReplyRate> replyRates,
      DataStream<WaitAlert> waitAlerts,
      DataStream<DeadLetter> deadLetters) {
    // The live tables' inserts run in tasks of their own: an insert waits for ClickHouse (0.3–0.5 s
    // on a busy machine), and chained it stalled the tracker or the aggregator and every message
    // behind it; unchained, the operator goes on while the insert waits (its network buffers
    // absorb the records), and each checkpoint still flushes the sink before it completes.
    waitAlerts
        .sinkTo(ClickHouseSink.of(NAME, new WaitAlertsTable(MetricsSettings.from(config)), config))
        .uid("metrics-wait-alerts-sink")
        .name("wait_alerts -> ClickHouse")
        .disableChaining();
    String alertsTopic = config.get(ServicePulseOptions.KAFKA_ALERTS_TOPIC);
    waitAlerts
        .sinkTo(KafkaSinks.keyed(config, alertsTopic, WaitAlert::alertId, new WaitAlertJson()))
        .uid("metrics-wait-alerts-kafka")
        .name("wait alerts -> Kafka " + alertsTopic);
    turns
        .sinkTo(ClickHouseSink.of(NAME, new TurnsTable(), config))
        .uid("metrics-turns-sink")
        .name("turns -> ClickHouse")
        .disableChaining();
    minutes
        .sinkTo(ClickHouseSink.of(NAME, new MinuteTable(), config))
        .uid("metrics-minute-sink")
        .name("service_minute -> ClickHouse")
        .disableChaining();
    replyRates
        .sinkTo(ClickHouseSink.of(NAME, new DailyReplyRateTable(), config))
        .uid("metrics-reply-rate-sink")
        .name("n_minute_reply_daily -> ClickHouse");
    DeadLetterSinks.attach(NAME, deadLetters, config);
  }
}
