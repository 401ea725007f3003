package io.servicepulse.metrics.aggregate;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.metrics.MetricsSettings;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Flink wiring of {@link MinuteAggregator}, keyed by {@link MinuteContribution#rowKey()}. Rows are
 * written when the next watermark arrives, so the items of one watermark step make one upsert; a
 * row's state is dropped once nothing can change it any more (all items final and the minute older
 * than reply timeout plus allowed lateness, so no new turn can start in it).
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

  public static TypeInformation<MinuteAggregator> stateType() {
    TypeInformation<MinuteSums> sums = Types.POJO(MinuteSums.class);
    return Types.POJO(
        MinuteAggregator.class,
        Map.of(
            "shopId", Types.STRING,
            "teamId", Types.STRING,
            "agentId", Types.STRING,
            "minuteMs", Types.LONG,
            "settled", sums,
            "pending",
                Types.MAP(
                    Types.STRING,
                    Types.POJO(PendingItem.class, Map.of("values", sums, "finalAtMs", Types.LONG))),
            "version", Types.LONG,
            "dirty", Types.BOOLEAN));
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
    if (row == null) {
      row = MinuteAggregator.forRow(c);
    }
    long watermark = ctx.timerService().currentWatermark();
    switch (row.apply(c, watermark)) {
      case UNKNOWN_RETRACTION -> {
        // Nothing to correct any more (the row was final and dropped): say so, never crash.
        ctx.output(
            DeadLetters.TAG,
            DeadLetter.ofEvent(
                job,
                DeadLetter.STAGE_LATE,
                "correction of a minute row that is already final",
                "retraction of " + c.id + " in row " + c.rowKey(),
                c.id,
                String.valueOf(c.values)));
        return;
      }
      case SETTLED_CORRECTED -> settledCorrections.inc();
      case PENDING -> {}
    }
    rows.update(row);
    if (watermark == Long.MAX_VALUE) {
      // End of input: no later watermark will fire a timer, so write the row now.
      flush(ctx.timerService(), out);
    } else {
      ctx.timerService().registerEventTimeTimer(watermark + 1);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<MinuteRow> out)
      throws Exception {
    flush(ctx.timerService(), out);
  }

  /** Settles, writes the row if it changed, and drops it or waits for its next final time. */
  private void flush(TimerService timers, Collector<MinuteRow> out) throws Exception {
    MinuteAggregator row = rows.value();
    if (row == null) {
      return;
    }
    long watermark = timers.currentWatermark();
    row.settle(watermark);
    if (row.dirty) {
      out.collect(row.emit(settings.day(row.minuteMs), System.currentTimeMillis()));
    }
    long horizon = row.minuteMs + 60_000 + settings.replyTimeoutMs() + settings.allowedLatenessMs();
    if (row.pending.isEmpty() && watermark >= horizon) {
      rows.clear();
      return;
    }
    long next = Math.max(horizon, row.nextFinalAt());
    if (next != Long.MAX_VALUE) {
      timers.registerEventTimeTimer(next);
    }
    rows.update(row);
  }
}
