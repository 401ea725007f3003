// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.function.ThrowingConsumer;

/**
 * Keyed operators that reach the end of event time when the job drains, even if their sources were
 * idle. Flink 2.2 drops the final watermark of {@code stop --drain} at a source whose output is
 * idle (FLINK-40499: the chain outputs discard watermarks while idle), so a keyed operator behind
 * quiet partitions would finish without firing its event-time timers, and turns or days still open
 * would never be decided. These operators advance to {@code Long.MAX_VALUE} themselves when they
 * finish (drain or bounded end of input only), announcing ACTIVE first so the watermark reaches the
 * operators after them. A plain savepoint (no drain) does not finish operators.
 */
public final class EndOfEventTime {

  private EndOfEventTime() {}

  /** {@code keyedStream.transform(name, type, EndOfEventTime.of(function))}. */
  public static <K, I, O> KeyedProcessOperator<K, I, O> of(KeyedProcessFunction<K, I, O> function) {
    return new OneInput<>(function);
  }

  public static <K, I1, I2, O> KeyedCoProcessOperator<K, I1, I2, O> of(
      KeyedCoProcessFunction<K, I1, I2, O> function) {
    return new TwoInputs<>(function);
  }

  /** The last watermark an operator processed, and the step to the end of event time. */
  private static final class Progress implements java.io.Serializable {
    private long watermark = Long.MIN_VALUE;

    void saw(Watermark mark) {
      watermark = mark.getTimestamp();
    }

    /** Announces ACTIVE (an idle output drops watermarks), then processes the final watermark. */
    void finish(Output<?> output, ThrowingConsumer<Watermark, Exception> processWatermark)
        throws Exception {
      if (watermark < Long.MAX_VALUE) {
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        processWatermark.accept(Watermark.MAX_WATERMARK);
      }
    }
  }

  private static final class OneInput<K, I, O> extends KeyedProcessOperator<K, I, O> {
    private final Progress progress = new Progress();

    OneInput(KeyedProcessFunction<K, I, O> function) {
      super(function);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
      progress.saw(mark);
      super.processWatermark(mark);
    }

    @Override
    public void finish() throws Exception {
      progress.finish(output, this::processWatermark);
      super.finish();
    }
  }

  private static final class TwoInputs<K, I1, I2, O> extends KeyedCoProcessOperator<K, I1, I2, O> {
    private final Progress progress = new Progress();

    TwoInputs(KeyedCoProcessFunction<K, I1, I2, O> function) {
      super(function);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
      progress.saw(mark);
      super.processWatermark(mark);
    }

    @Override
    public void finish() throws Exception {
      progress.finish(output, this::processWatermark);
      super.finish();
    }
  }
}
