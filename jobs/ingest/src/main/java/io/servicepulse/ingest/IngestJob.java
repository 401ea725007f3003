// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.ingest;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.clickhouse.ClickHouseSink;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetterSinks;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.DecodedStreams;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * IngestJob: Kafka chat-messages and order-events → decode → ClickHouse {@code messages} and {@code
 * orders} facts, idempotent on event_id. Records that do not decode, or break the event model's
 * rules, go to dead letters (ClickHouse {@code dead_letters} and the Kafka dead-letter topic) with
 * reason, topic, partition and offset.
 */
public final class IngestJob {

  public static final String NAME = "ingest";

  private IngestJob() {}

  /** Where the job's three outputs go; tests collect them, {@link #main} writes ClickHouse. */
  public interface Sinks {
    void attach(
        DataStream<ChatMessage> messages,
        DataStream<OrderEvent> orders,
        DataStream<DeadLetter> deadLetters);
  }

  public static void defineWorkflow(
      StreamExecutionEnvironment env,
      Source<Decoded<ChatMessage>, ?, ?> chatSource,
      Source<Decoded<OrderEvent>, ?, ?> orderSource,
      JobConfig config,
      Sinks sinks) {
    // Ingest needs no event time: records keep their Kafka timestamps for delay figures.
    SingleOutputStreamOperator<ChatMessage> messages =
        DecodedStreams.chatMessages(env, chatSource, EventTime.none(), config, NAME, "ingest");
    SingleOutputStreamOperator<OrderEvent> orders =
        DecodedStreams.orderEvents(env, orderSource, EventTime.none(), config, NAME, "ingest");
    DataStream<DeadLetter> deadLetters =
        messages.getSideOutput(DeadLetters.TAG).union(orders.getSideOutput(DeadLetters.TAG));
    sinks.attach(messages, orders, deadLetters);
  }

  /** The production wiring: Kafka sources, ClickHouse facts, dead letters to both places. */
  public static void wire(StreamExecutionEnvironment env, JobConfig config) {
    defineWorkflow(
        env,
        KafkaSources.chatMessages(config, NAME).build(),
        KafkaSources.orderEvents(config, NAME).build(),
        config,
        (messages, orders, deadLetters) -> {
          factSinks(config, messages, orders);
          DeadLetterSinks.attach(NAME, deadLetters, config);
        });
  }

  /** The {@code messages} and {@code orders} facts to ClickHouse, one row per event. */
  public static void factSinks(
      JobConfig config, DataStream<ChatMessage> messages, DataStream<OrderEvent> orders) {
    messages
        .sinkTo(ClickHouseSink.of(NAME, new MessagesTable(config.noReplyNeeded()), config))
        .uid("ingest-messages-sink")
        .name("messages -> ClickHouse");
    orders
        .sinkTo(ClickHouseSink.of(NAME, new OrdersTable(), config))
        .uid("ingest-orders-sink")
        .name("orders -> ClickHouse");
  }

  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfig.fromArgs(args);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    wire(env, config);
    env.execute("ServicePulse " + NAME);
  }
}
