package io.servicepulse.attribution;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.ClosedRows;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums the buyers' corrections into one (shop, team, agent, day) row and emits the row each time it
 * changes, with a version one higher, so ClickHouse's ReplacingMergeTree keeps the latest. Sums
 * commute, so the row ends the same whatever order the corrections arrive in. The row's state is
 * closed once the day is final (see {@link AttributionSettings#dayFinalAt}) and dropped as {@link
 * ClosedRows} says.
 */
public final class ConversionAggregator
    extends KeyedProcessFunction<String, ConversionDelta, ConversionRow> {

  private final String job;
  private final AttributionSettings settings;
  private transient ValueState<ConversionRow> row;

  public ConversionAggregator(String job, AttributionSettings settings) {
    this.job = job;
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    row =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("row", TypeInformation.of(ConversionRow.class)));
  }

  @Override
  public void processElement(ConversionDelta delta, Context ctx, Collector<ConversionRow> out)
      throws Exception {
    ConversionRow current = row.value();
    long finalAt = settings.dayFinalAt(delta.day) + settings.allowedLatenessMs;
    long watermark = ctx.timerService().currentWatermark();
    if (current == null && ClosedRows.wasDropped(watermark, finalAt)) {
      // A fresh row would carry a lower version than the one in ClickHouse and be ignored there.
      ctx.output(
          DeadLetters.TAG,
          ClosedRows.lateLetter(
              job,
              "conversion",
              "delta for " + delta.rowKey() + " after its day was final",
              delta.rowKey() + "@" + watermark,
              delta));
      return;
    }
    if (current == null) {
      current = new ConversionRow();
      current.shopId = delta.shopId;
      current.teamId = delta.teamId;
      current.agentId = delta.agentId;
      current.day = delta.day;
      ctx.timerService().registerEventTimeTimer(finalAt + 1);
    }
    current.counts.add(delta.counts, 1);
    current.version++;
    row.update(current);
    out.collect(current.copy());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ConversionRow> out) {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      row.clear();
    } else {
      ClosedRows.scheduleDrop(ctx.timerService());
    }
  }
}
