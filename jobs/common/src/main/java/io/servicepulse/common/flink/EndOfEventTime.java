package io.servicepulse.common.flink;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

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

  private static final class OneInput<K, I, O> extends KeyedProcessOperator<K, I, O> {
    private long watermark = Long.MIN_VALUE;

    OneInput(KeyedProcessFunction<K, I, O> function) {
      super(function);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
      watermark = mark.getTimestamp();
      super.processWatermark(mark);
    }

    @Override
    public void finish() throws Exception {
      if (watermark < Long.MAX_VALUE) {
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        processWatermark(Watermark.MAX_WATERMARK);
      }
      super.finish();
    }
  }

  private static final class TwoInputs<K, I1, I2, O> extends KeyedCoProcessOperator<K, I1, I2, O> {
    private long watermark = Long.MIN_VALUE;

    TwoInputs(KeyedCoProcessFunction<K, I1, I2, O> function) {
      super(function);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
      watermark = mark.getTimestamp();
      super.processWatermark(mark);
    }

    @Override
    public void finish() throws Exception {
      if (watermark < Long.MAX_VALUE) {
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        processWatermark(Watermark.MAX_WATERMARK);
      }
      super.finish();
    }
  }
}
