package io.servicepulse.metrics.rate;

import io.servicepulse.metrics.MetricsSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums buyers' flag changes into daily rows, keyed by {@link ReplyRateDelta#rowKey()}. A row is
 * written when the next watermark arrives (one upsert per watermark step) and its state dropped
 * after the last turn of its day can no longer change.
 */
public final class DailyReplyRateFunction
    extends KeyedProcessFunction<String, ReplyRateDelta, DailyReplyRate> {

  private final MetricsSettings settings;
  private transient ValueState<DailyReplyRate> rows;

  public DailyReplyRateFunction(MetricsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    rows =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("daily-reply-rate", Types.POJO(DailyReplyRate.class)));
  }

  @Override
  public void processElement(ReplyRateDelta d, Context ctx, Collector<DailyReplyRate> out)
      throws Exception {
    DailyReplyRate row = rows.value();
    if (row == null) {
      row = DailyReplyRate.forRow(d);
      ctx.timerService().registerEventTimeTimer(BuyerDayFunction.horizon(settings, d.day) + 1);
    }
    row.apply(d);
    rows.update(row);
    ctx.timerService().registerEventTimeTimer(ctx.timerService().currentWatermark() + 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<DailyReplyRate> out)
      throws Exception {
    DailyReplyRate row = rows.value();
    if (row == null) {
      return;
    }
    if (row.dirty) {
      out.collect(row.emit(System.currentTimeMillis()));
    }
    if (ctx.timerService().currentWatermark() > BuyerDayFunction.horizon(settings, row.day)) {
      rows.clear();
    } else {
      rows.update(row);
    }
  }
}
