// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.ClosedRows;
import io.servicepulse.common.flink.CompactStateTypeInfo;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.turn.TurnFact;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Flink wiring of {@link BuyerDay}, keyed by (shop, buyer, day) over business-hours turns. State is
 * closed when no turn of that day can change any more (the day's end plus reply timeout plus
 * allowed lateness) and dropped as {@link ClosedRows} says.
 */
public final class BuyerDayFunction extends KeyedProcessFunction<String, TurnFact, ReplyRateDelta> {

  private final String job;
  private final MetricsSettings settings;
  private transient ValueState<BuyerDay> days;

  public BuyerDayFunction(String job, MetricsSettings settings) {
    this.job = job;
    this.settings = settings;
  }

  /** Keys turns by shop, buyer and day. */
  public static String key(TurnFact t) {
    return t.shopId.length() + ":" + t.shopId + t.buyerId.length() + ":" + t.buyerId + t.day;
  }

  /** The buyer-day's state type: a compact serializer, each value in one write. */
  public static TypeInformation<BuyerDay> stateType() {
    return CompactStateTypeInfo.of(BuyerDay.class, BuyerDaySerializer::new);
  }

  @Override
  public void open(OpenContext openContext) {
    days = getRuntimeContext().getState(new ValueStateDescriptor<>("buyer-day", stateType()));
  }

  @Override
  public void processElement(TurnFact t, Context ctx, Collector<ReplyRateDelta> out)
      throws Exception {
    BuyerDay day = days.value();
    if (day == null) {
      if (ClosedRows.wasDropped(
          ctx.timerService().currentWatermark(), horizon(settings, t.shopId, t.day))) {
        ctx.output(
            DeadLetters.TAG,
            ClosedRows.lateLetter(
                job, "buyer-day", "turn " + t.turnId + " of day " + t.day, t.turnId, t));
        return;
      }
      day = new BuyerDay(t.shopId, t.day);
      ctx.timerService().registerEventTimeTimer(horizon(settings, t.shopId, t.day));
    }
    day.apply(t);
    day.changes().forEach(out::collect);
    days.update(day);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReplyRateDelta> out) {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      days.clear();
    } else {
      settings.closedRows().scheduleDrop(ctx.timerService());
    }
  }

  /** When nothing can change a turn that started on the shop's local {@code day} any more. */
  static long horizon(MetricsSettings settings, String shopId, int day) {
    return settings.dayEndMs(shopId, day)
        + settings.replyTimeoutMs()
        + settings.allowedLatenessMs();
  }
}
