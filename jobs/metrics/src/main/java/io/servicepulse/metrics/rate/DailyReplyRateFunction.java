// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.ClosedRows;
import io.servicepulse.metrics.MetricsSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums buyers' flag changes into daily rows, keyed by {@link ReplyRateDelta#rowKey()}. A row is
 * written when the next watermark arrives (one upsert per watermark step) and closed after the last
 * turn of its day can no longer change, then dropped as {@link ClosedRows} says.
 */
public final class DailyReplyRateFunction
    extends KeyedProcessFunction<String, ReplyRateDelta, DailyReplyRate> {

  private final String job;
  private final MetricsSettings settings;
  private transient ValueState<DailyReplyRate> rows;

  public DailyReplyRateFunction(String job, MetricsSettings settings) {
    this.job = job;
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
    long horizon = BuyerDayFunction.horizon(settings, d.shopId, d.day);
    if (row == null) {
      if (ClosedRows.wasDropped(ctx.timerService().currentWatermark(), horizon + 1)) {
        ctx.output(
            DeadLetters.TAG,
            ClosedRows.lateLetter(job, "daily reply rate", "delta " + d, d.rowKey(), d));
        return;
      }
      row = DailyReplyRate.forRow(d);
      ctx.timerService().registerEventTimeTimer(horizon + 1);
    }
    row.apply(d);
    rows.update(row);
    if (ClosedRows.writeNowOrAtNextWatermark(ctx.timerService())) {
      flush(ctx.timerService(), out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<DailyReplyRate> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      rows.clear();
    } else {
      flush(ctx.timerService(), out);
    }
  }

  private void flush(TimerService timers, Collector<DailyReplyRate> out) throws Exception {
    DailyReplyRate row = rows.value();
    if (row == null) {
      return;
    }
    if (row.dirty) {
      out.collect(row.emit());
    }
    rows.update(row);
    if (timers.currentWatermark() > BuyerDayFunction.horizon(settings, row.shopId, row.day)) {
      settings.closedRows().scheduleDrop(timers);
    }
  }
}
