// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

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
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * QaJob: every chat message → the text inspector (lexicon + Aho–Corasick, CoreNLP for the few
 * ambiguous candidates) → one {@code qa_flags} row per flag, idempotent on (message id, rule id).
 * Per-day counts are the {@code qa_daily} view over those rows. Inspection needs no event time and
 * no state, so late or out-of-order messages are inspected like any other.
 */
public final class QaJob {

  public static final String NAME = "qa";

  private QaJob() {}

  /** Where the job's outputs go; tests collect them, {@link #wire} writes ClickHouse. */
  public interface Sinks {
    void attach(DataStream<QaFlagRow> flags, DataStream<DeadLetter> deadLetters);
  }

  public static void defineWorkflow(
      StreamExecutionEnvironment env,
      Source<Decoded<ChatMessage>, ?, ?> chatSource,
      JobConfig config,
      Sinks sinks) {
    SingleOutputStreamOperator<ChatMessage> messages =
        DecodedStreams.chatMessages(env, chatSource, EventTime.none(), config, NAME, "qa");
    DataStream<QaFlagRow> flags =
        messages
            .flatMap(
                new MessageInspection(
                    config.get(QaOptions.MODEL_ROOT),
                    config.get(QaOptions.CACHE_SIZE),
                    config.get(QaOptions.SHOP_HOTLINES),
                    config.shopCalendar()))
            .returns(QaFlagRow.class)
            .uid("qa-inspect")
            .name("inspect message");
    sinks.attach(flags, messages.getSideOutput(DeadLetters.TAG));
  }

  /** The production wiring: Kafka in, ClickHouse qa_flags and dead letters out. */
  public static void wire(StreamExecutionEnvironment env, JobConfig config) {
    defineWorkflow(
        env,
        KafkaSources.chatMessages(config, NAME).build(),
        config,
        (flags, deadLetters) -> {
          flags
              .sinkTo(ClickHouseSink.of(NAME, new QaFlagsTable(), config))
              .uid("qa-flags-sink")
              .name("qa_flags -> ClickHouse");
          DeadLetterSinks.attach(NAME, deadLetters, config);
        });
  }

  public static void main(String[] args) throws Exception {
    JobConfig config = JobConfig.fromArgs(args);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    wire(env, config);
    env.execute("ServicePulse " + NAME);
  }
}
