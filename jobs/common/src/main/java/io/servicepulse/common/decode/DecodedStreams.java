// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.EventTypeInfo;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job's first two operators: the source of decoded records (with the job's watermarks, made per
 * Kafka partition), then, keyed by event id, the first copy of each event ({@link FirstCopyWins}),
 * with dead letters — undecodable, invalid, conflicting duplicates, late — split off to the {@link
 * DeadLetters#TAG} side output. Operator uids are {@code <uidPrefix>-chat-source}/{@code
 * -decode-chat} and {@code -order-source}/{@code -decode-orders}, as before, so savepoints keep
 * matching.
 */
public final class DecodedStreams {

  private DecodedStreams() {}

  public static SingleOutputStreamOperator<ChatMessage> chatMessages(
      StreamExecutionEnvironment env,
      Source<Decoded<ChatMessage>, ?, ?> source,
      WatermarkStrategy<Decoded<ChatMessage>> watermarks,
      JobConfig config,
      String job,
      String uidPrefix) {
    return of(env, EventKind.CHAT, source, watermarks, config, job, uidPrefix);
  }

  public static SingleOutputStreamOperator<OrderEvent> orderEvents(
      StreamExecutionEnvironment env,
      Source<Decoded<OrderEvent>, ?, ?> source,
      WatermarkStrategy<Decoded<OrderEvent>> watermarks,
      JobConfig config,
      String job,
      String uidPrefix) {
    // The order source's uid predates EventKind's labels; savepoints know it as "-order-source".
    return decoded(
        env,
        EventKind.ORDER,
        source,
        watermarks,
        config,
        job,
        uidPrefix + "-order-source",
        uidPrefix);
  }

  /**
   * The first copies of any {@link EventKind}'s events, dead letters apart; uids {@code
   * <uidPrefix>-<label>-source} and {@code <uidPrefix>-decode-<label>}.
   */
  public static <T> SingleOutputStreamOperator<T> of(
      StreamExecutionEnvironment env,
      EventKind<T> kind,
      Source<Decoded<T>, ?, ?> source,
      WatermarkStrategy<Decoded<T>> watermarks,
      JobConfig config,
      String job,
      String uidPrefix) {
    return decoded(
        env,
        kind,
        source,
        watermarks,
        config,
        job,
        uidPrefix + "-" + kind.label() + "-source",
        uidPrefix);
  }

  private static <T> SingleOutputStreamOperator<T> decoded(
      StreamExecutionEnvironment env,
      EventKind<T> kind,
      Source<Decoded<T>, ?, ?> source,
      WatermarkStrategy<Decoded<T>> watermarks,
      JobConfig config,
      String job,
      String sourceUid,
      String uidPrefix) {
    Duration retention = config.get(ServicePulseOptions.EVENTS_DEDUP_RETENTION);
    return env.fromSource(
            source,
            watermarks,
            "Kafka " + kind.topic().defaultValue(),
            Decoded.typeOf(kind.eventClass()))
        .uid(sourceUid)
        .keyBy(FirstCopyWins.key(kind.eventId()), FirstCopyWins.KEY_TYPE)
        .transform(
            "first copy per event id, dead letters apart (" + kind.label() + ")",
            EventTypeInfo.of(kind.eventClass()),
            FirstCopyWins.operator(
                new FirstCopyWins<>(
                    job,
                    retention,
                    kind,
                    config.get(ServicePulseOptions.EVENTS_ALLOWED_LATENESS),
                    EventTime.hasEventTime(watermarks)
                        ? config.get(ServicePulseOptions.EVENTS_MAX_OUT_OF_ORDERNESS)
                        : null)))
        .uid(uidPrefix + "-decode-" + kind.label());
  }
}
