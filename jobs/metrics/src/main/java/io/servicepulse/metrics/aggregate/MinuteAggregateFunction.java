// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.ClosedRows;
import io.servicepulse.common.flink.CompactStateTypeInfo;
import io.servicepulse.metrics.MetricsSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Flink wiring of {@link MinuteAggregator}, keyed by {@link MinuteContribution#rowKey()}. Rows are
 * written when the next watermark arrives, so the items of one watermark step make one upsert; a
 * row is closed when nothing can change it any more (all items final and the minute older than
 * reply timeout plus allowed lateness, so no new turn can start in it) and dropped as {@link
 * ClosedRows} says.
 */
public final class MinuteAggregateFunction
    extends KeyedProcessFunction<String, MinuteContribution, MinuteRow> {

  private final String job;
  private final MetricsSettings settings;
  private transient ValueState<MinuteAggregator> rows;
  private transient Counter settledCorrections;

  public MinuteAggregateFunction(String job, MetricsSettings settings) {
    this.job = job;
    this.settings = settings;
  }

  /** The row's state type: a compact serializer, each value in one write to the checkpoint. */
  public static TypeInformation<MinuteAggregator> stateType() {
    return CompactStateTypeInfo.of(MinuteAggregator.class, MinuteAggregatorSerializer::new);
  }

  @Override
  public void open(OpenContext openContext) {
    rows = getRuntimeContext().getState(new ValueStateDescriptor<>("minute-row", stateType()));
    settledCorrections = getRuntimeContext().getMetricGroup().counter("settledCorrections");
  }

  @Override
  public void processElement(MinuteContribution c, Context ctx, Collector<MinuteRow> out)
      throws Exception {
    MinuteAggregator row = rows.value();
    long watermark = ctx.timerService().currentWatermark();
    if (row == null) {
      if (ClosedRows.wasDropped(watermark, horizon(c.minuteMs))) {
        // The row was final and dropped; a fresh row holding only this item would replace the
        // complete one in ClickHouse (newer version). Say so instead, never crash.
        ctx.output(DeadLetters.TAG, lateLetter(c, "contribution of " + c.id));
        return;
      }
      row = MinuteAggregator.forRow(c);
    }
    switch (row.apply(c, watermark)) {
      case UNKNOWN_RETRACTION -> {
        ctx.output(DeadLetters.TAG, lateLetter(c, "retraction of " + c.id));
        return;
      }
      case SETTLED_CORRECTED -> settledCorrections.inc();
      case PENDING -> {}
    }
    rows.update(row);
    if (ClosedRows.writeNowOrAtNextWatermark(ctx.timerService())) {
      flush(ctx.timerService(), out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<MinuteRow> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      MinuteAggregator row = rows.value();
      if (row != null && isClosed(row, ctx.timerService().currentWatermark())) {
        rows.clear();
      }
      return;
    }
    flush(ctx.timerService(), out);
  }

  /** Settles, writes the row if it changed, and closes it or waits for its next final time. */
  private void flush(TimerService timers, Collector<MinuteRow> out) throws Exception {
    MinuteAggregator row = rows.value();
    if (row == null) {
      return;
    }
    long watermark = timers.currentWatermark();
    row.settle(watermark);
    if (row.dirty) {
      out.collect(row.emit(settings.day(row.shopId, row.minuteMs)));
    }
    rows.update(row);
    if (isClosed(row, watermark)) {
      settings.closedRows().scheduleDrop(timers);
      return;
    }
    long next = Math.max(horizon(row.minuteMs), row.nextFinalAt());
    if (next != Long.MAX_VALUE) {
      timers.registerEventTimeTimer(next);
    }
  }

  /** No open item, and no new turn can start in the minute any more. */
  private boolean isClosed(MinuteAggregator row, long watermark) {
    return row.pending.isEmpty() && watermark >= horizon(row.minuteMs);
  }

  private long horizon(long minuteMs) {
    return minuteMs + 60_000 + settings.replyTimeoutMs() + settings.allowedLatenessMs();
  }

  private DeadLetter lateLetter(MinuteContribution c, String what) {
    return ClosedRows.lateLetter(job, "minute", what + " in row " + c.rowKey(), c.id, c.values);
  }
}
