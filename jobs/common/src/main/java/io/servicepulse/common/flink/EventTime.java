package io.servicepulse.common.flink;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the jobs that need it: timestamps are the events' {@code ts}; the watermark trails
 * the largest seen by {@code events.max-out-of-orderness}; an event more than {@code
 * events.allowed-lateness} behind the watermark is late and is dead-lettered, never dropped.
 */
public final class EventTime {

  private EventTime() {}

  public static WatermarkStrategy<ChatMessage> chatMessages(JobConfig config) {
    return WatermarkStrategy.<ChatMessage>forBoundedOutOfOrderness(
            config.get(ServicePulseOptions.EVENTS_MAX_OUT_OF_ORDERNESS))
        .withTimestampAssigner((m, previous) -> m.getTs().toEpochMilli())
        .withIdleness(config.get(ServicePulseOptions.EVENTS_SOURCE_IDLENESS));
  }

  public static WatermarkStrategy<OrderEvent> orderEvents(JobConfig config) {
    return WatermarkStrategy.<OrderEvent>forBoundedOutOfOrderness(
            config.get(ServicePulseOptions.EVENTS_MAX_OUT_OF_ORDERNESS))
        .withTimestampAssigner((o, previous) -> o.getTs().toEpochMilli())
        .withIdleness(config.get(ServicePulseOptions.EVENTS_SOURCE_IDLENESS));
  }

  /** True if an event at {@code ts} can no longer correct its aggregates. */
  public static boolean isLate(long ts, long currentWatermark, Duration allowedLateness) {
    return currentWatermark != Long.MIN_VALUE && ts < currentWatermark - allowedLateness.toMillis();
  }

  /** The dead letter for a late event; the same event replayed gets the same id. */
  public static DeadLetter lateLetter(
      String job, String eventId, long ts, long currentWatermark, Object event) {
    return DeadLetter.ofEvent(
        job,
        DeadLetter.STAGE_LATE,
        "older than allowed lateness",
        "event ts " + ts + " ms is " + (currentWatermark - ts) + " ms behind the watermark",
        eventId,
        String.valueOf(event));
  }
}
