// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class EndOfEventTimeTest {

  /** Says "decided" for an element once the watermark passes its timestamp + 30 min. */
  static final class Decides extends KeyedProcessFunction<String, String, String> {
    @Override
    public void processElement(String value, Context ctx, Collector<String> out) {
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1_800_000);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      out.collect("decided " + ctx.getCurrentKey());
    }
  }

  @Test
  void aDrainBehindIdleSourcesStillReachesTheEndOfEventTime() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            EndOfEventTime.of(new Decides()), v -> v, Types.STRING)) {
      harness.open();
      harness.processElement(new StreamRecord<>("buyer-1", 1_000L));
      harness.processWatermark(new Watermark(2_000L));
      // The sources went quiet; stop --drain's final watermark never arrives (FLINK-40499).
      harness.processWatermarkStatus(WatermarkStatus.IDLE);
      assertThat(harness.extractOutputValues()).isEmpty();

      harness.getOperator().finish();

      assertThat(harness.extractOutputValues()).containsExactly("decided buyer-1");
      assertThat(harness.getOutput())
          .containsSubsequence(WatermarkStatus.ACTIVE, Watermark.MAX_WATERMARK);
    }
  }

  @Test
  void aJobThatAlreadyReachedTheEndAddsNothing() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            EndOfEventTime.of(new Decides()), v -> v, Types.STRING)) {
      harness.open();
      harness.processElement(new StreamRecord<>("buyer-1", 1_000L));
      harness.processWatermark(Watermark.MAX_WATERMARK);
      int before = harness.getOutput().size();

      harness.getOperator().finish();

      assertThat(harness.getOutput()).hasSize(before);
      assertThat(harness.extractOutputValues()).containsExactly("decided buyer-1");
    }
  }

  /** The two-input form (AttributionFunction's): chat and orders, one key. */
  static final class DecidesBoth extends KeyedCoProcessFunction<String, String, String, String> {
    @Override
    public void processElement1(String value, Context ctx, Collector<String> out) {
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1_800_000);
    }

    @Override
    public void processElement2(String value, Context ctx, Collector<String> out) {
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1_800_000);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      out.collect("decided " + ctx.getCurrentKey());
    }
  }

  @Test
  void aDrainBehindTwoIdleInputsStillReachesTheEndOfEventTime() throws Exception {
    try (var harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            EndOfEventTime.of(new DecidesBoth()), v -> v, v -> v, Types.STRING)) {
      harness.open();
      harness.processElement2(new StreamRecord<>("buyer-1", 1_000L));
      harness.processWatermark1(new Watermark(2_000L));
      harness.processWatermark2(new Watermark(2_000L));
      harness.processWatermarkStatus1(WatermarkStatus.IDLE);
      harness.processWatermarkStatus2(WatermarkStatus.IDLE);
      assertThat(harness.extractOutputValues()).isEmpty();

      harness.getOperator().finish();

      assertThat(harness.extractOutputValues()).containsExactly("decided buyer-1");
      assertThat(harness.getOutput())
          .containsSubsequence(WatermarkStatus.ACTIVE, Watermark.MAX_WATERMARK);
    }
  }

  @Test
  void bothOperatorsCanBeShippedInAJobGraph() throws Exception {
    // A job graph serializes its operators; the harness does not (a CI run caught this once).
    InstantiationUtil.serializeObject(EndOfEventTime.of(new Decides()));
    InstantiationUtil.serializeObject(EndOfEventTime.of(new DecidesBoth()));
  }
}
