// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.NoWatermarksGenerator;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Event time for the jobs that need it, made in the Kafka source per partition ({@link
 * PartitionWatermarks}): timestamps are the decoded events' {@code ts}; each partition's watermark
 * trails its largest by {@code events.max-out-of-orderness}; the source's watermark is the least of
 * its partitions' (idle ones aside). An event more than {@code events.allowed-lateness} behind the
 * watermark is late and is dead-lettered, never dropped, by the job's first operator ({@link
 * io.servicepulse.common.decode.LateEvents}). Events beyond {@link
 * io.servicepulse.common.decode.EventLimits} never reach a watermark: they are dead letters.
 */
public final class EventTime {

  private EventTime() {}

  public static WatermarkStrategy<Decoded<ChatMessage>> chatMessages(JobConfig config) {
    return of(EventKind.CHAT, config);
  }

  public static WatermarkStrategy<Decoded<OrderEvent>> orderEvents(JobConfig config) {
    return of(EventKind.ORDER, config);
  }

  /** Event time of any {@link EventKind}: its decoded events' ts, per partition. */
  public static <T> WatermarkStrategy<Decoded<T>> of(EventKind<T> kind, JobConfig config) {
    return perPartition(config, kind.tsMs());
  }

  /** No event time: records keep their Kafka timestamps (IngestJob's delay figures, QaJob). */
  public static <T> WatermarkStrategy<Decoded<T>> none() {
    return new NoEventTime<>();
  }

  /** False for {@link #none()}: a job without event time judges nothing late. */
  public static boolean hasEventTime(WatermarkStrategy<?> strategy) {
    return !(strategy instanceof NoEventTime);
  }

  private static final class NoEventTime<T> implements WatermarkStrategy<Decoded<T>> {
    @Override
    public WatermarkGenerator<Decoded<T>> createWatermarkGenerator(
        WatermarkGeneratorSupplier.Context context) {
      return new NoWatermarksGenerator<>();
    }
  }

  /**
   * Keeps the sources of one job within {@code maxDrift} of event time of each other (Flink
   * watermark alignment), so a job reading two topics does not buffer one while the other lags.
   */
  public static <T> WatermarkStrategy<Decoded<T>> aligned(
      WatermarkStrategy<Decoded<T>> strategy, String group, Duration maxDrift) {
    return strategy.withWatermarkAlignment(group, maxDrift, Duration.ofSeconds(1));
  }

  private static <T> WatermarkStrategy<Decoded<T>> perPartition(
      JobConfig config, SerializableFunction<T, Long> ts) {
    long outOfOrdernessMs = config.get(ServicePulseOptions.EVENTS_MAX_OUT_OF_ORDERNESS).toMillis();
    long idleAfterMs = config.get(ServicePulseOptions.EVENTS_SOURCE_IDLENESS).toMillis();
    // A partition this close to the wall clock is live; a backlog that old could not be judged
    // late anyway once the others' watermark passes it, so idleness cannot drop it.
    long liveLagMs = config.get(ServicePulseOptions.EVENTS_ALLOWED_LATENESS).toMillis();
    long backlogIdleAfterMs = config.get(ServicePulseOptions.EVENTS_BACKLOG_IDLENESS).toMillis();
    return WatermarkStrategy.<Decoded<T>>forGenerator(
            context ->
                new PartitionWatermarks<>(
                    outOfOrdernessMs,
                    idleAfterMs,
                    liveLagMs,
                    backlogIdleAfterMs,
                    context.getInputActivityClock(),
                    System::currentTimeMillis))
        .withTimestampAssigner(timestamps(ts));
  }

  /** The event's time; a dead letter keeps its Kafka timestamp (it moves no watermark). */
  public static <T> SerializableTimestampAssigner<Decoded<T>> timestamps(
      SerializableFunction<T, Long> ts) {
    return (record, kafkaTs) -> record.isEvent() ? ts.apply(record.event) : kafkaTs;
  }
}
