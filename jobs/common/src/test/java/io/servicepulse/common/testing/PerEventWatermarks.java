// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.flink.EventTime;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Bounded out-of-orderness watermarks emitted after every event instead of every 200 ms of wall
 * time, so a test replaying a backlog sees the same watermarks as a live stream would. Per Kafka
 * partition like production ({@code EventTime}); dead letters never move them.
 */
public final class PerEventWatermarks<T> implements WatermarkGenerator<Decoded<T>> {

  private final long outOfOrdernessMs;
  private long maxTs = Long.MIN_VALUE;

  private PerEventWatermarks(long outOfOrdernessMs) {
    this.outOfOrdernessMs = outOfOrdernessMs;
  }

  public static <T> WatermarkStrategy<Decoded<T>> strategy(
      Duration outOfOrderness, SerializableFunction<T, Long> ts) {
    long ms = outOfOrderness.toMillis();
    return WatermarkStrategy.<Decoded<T>>forGenerator(context -> new PerEventWatermarks<>(ms))
        .withTimestampAssigner(EventTime.timestamps(ts));
  }

  @Override
  public void onEvent(Decoded<T> event, long eventTimestamp, WatermarkOutput output) {
    if (event.isEvent() && eventTimestamp > maxTs) {
      maxTs = eventTimestamp;
      output.emitWatermark(new Watermark(maxTs - outOfOrdernessMs - 1));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {}
}
