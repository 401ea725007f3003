package io.servicepulse.metrics;

import io.servicepulse.events.ChatMessage;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks emitted after every event instead of every 200 ms of wall
 * time, so a test replaying a backlog sees the same watermarks as a live stream would.
 */
final class PerEventWatermarks implements WatermarkGenerator<ChatMessage> {

  private final long outOfOrdernessMs;
  private long maxTs = Long.MIN_VALUE;

  PerEventWatermarks(long outOfOrdernessMs) {
    this.outOfOrdernessMs = outOfOrdernessMs;
  }

  static WatermarkStrategy<ChatMessage> strategy(Duration outOfOrderness) {
    long ms = outOfOrderness.toMillis();
    return WatermarkStrategy.<ChatMessage>forGenerator(context -> new PerEventWatermarks(ms))
        .withTimestampAssigner((m, previous) -> m.getTs().toEpochMilli());
  }

  @Override
  public void onEvent(ChatMessage event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp > maxTs) {
      maxTs = eventTimestamp;
      output.emitWatermark(new Watermark(maxTs - outOfOrdernessMs - 1));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {}
}
