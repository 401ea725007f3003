// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.LateEvents;
import io.servicepulse.common.flink.CompactStateTypeInfo;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.SenderRole;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Joins a buyer's human answers and order events per (shop, buyer) in event time and keeps the
 * buyer's {@link BuyerLedger}. Main output: corrections to conversion rows; side outputs: order
 * attribution facts, inquiry facts, and late events as dead letters (stage 'late'). State is
 * cleaned by event-time timers as the watermark makes the buyer's days final.
 */
public final class AttributionFunction
    extends KeyedCoProcessFunction<String, ChatMessage, OrderEvent, ConversionDelta> {

  public static final OutputTag<OrderAttributionFact> ORDER_FACTS =
      new OutputTag<>("order-attribution", TypeInformation.of(OrderAttributionFact.class));
  public static final OutputTag<InquiryFact> INQUIRY_FACTS =
      new OutputTag<>("inquiries", TypeInformation.of(InquiryFact.class));

  /** Cleanup timers are rounded up to this, so a busy buyer has few timers. */
  private static final long TIMER_GRANULARITY_MS = 60 * 60 * 1000L;

  private final String job;
  private final AttributionSettings settings;
  private final TypeInformation<BuyerState> stateType;
  private transient ValueState<BuyerState> state;

  public AttributionFunction(String job, AttributionSettings settings) {
    this(job, settings, stateType());
  }

  /** With another state type: tests restore state of earlier releases through it. */
  AttributionFunction(String job, AttributionSettings settings, TypeInformation<BuyerState> type) {
    this.job = job;
    this.settings = settings;
    this.stateType = type;
  }

  /** The buyer state's type: its own compact serializer, not Flink's POJO one. */
  public static TypeInformation<BuyerState> stateType() {
    return CompactStateTypeInfo.of(BuyerState.class, BuyerStateSerializer::new);
  }

  /** The key both inputs are partitioned by. */
  public static String key(String shopId, String buyerId) {
    return shopId + '|' + buyerId;
  }

  /** Only human answers attribute; buyer, bot and system messages never touch state. */
  public static boolean isAnswer(ChatMessage m) {
    return m.getSenderRole() == SenderRole.AGENT && m.getAgentId() != null;
  }

  public static String keyOf(ChatMessage m) {
    return key(m.getShopId(), m.getBuyerId());
  }

  public static String keyOf(OrderEvent e) {
    return key(e.getShopId(), e.getBuyerId());
  }

  @Override
  public void open(OpenContext openContext) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("buyer", stateType));
  }

  @Override
  public void processElement1(ChatMessage m, Context ctx, Collector<ConversionDelta> out)
      throws Exception {
    if (!isAnswer(m)) {
      return;
    }
    long ts = m.getTs().toEpochMilli();
    if (late(ts, ctx)) {
      ctx.output(DeadLetters.TAG, LateEvents.letter(job, m.getEventId(), ts, watermark(ctx), m));
      return;
    }
    BuyerState buyer = stateFor(m.getShopId(), m.getBuyerId());
    BuyerLedger ledger = new BuyerLedger(settings, buyer);
    if (ledger.addAnswer(m)) {
      emit(ledger.recompute(), ctx, out);
      save(buyer, ledger, ctx);
    }
  }

  @Override
  public void processElement2(OrderEvent e, Context ctx, Collector<ConversionDelta> out)
      throws Exception {
    long ts = e.getTs().toEpochMilli();
    if (late(ts, ctx)) {
      ctx.output(DeadLetters.TAG, LateEvents.letter(job, e.getEventId(), ts, watermark(ctx), e));
      return;
    }
    BuyerState buyer = stateFor(e.getShopId(), e.getBuyerId());
    BuyerLedger ledger = new BuyerLedger(settings, buyer);
    if (ledger.addOrderEvent(e)) {
      emit(ledger.recompute(), ctx, out);
      save(buyer, ledger, ctx);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ConversionDelta> out)
      throws Exception {
    BuyerState buyer = state.value();
    if (buyer == null) {
      return;
    }
    BuyerLedger ledger = new BuyerLedger(settings, buyer);
    ledger.advance(watermark(ctx) - settings.allowedLatenessMs);
    if (ledger.isEmpty()) {
      state.clear();
    } else {
      save(buyer, ledger, ctx);
    }
  }

  private boolean late(long ts, Context ctx) {
    return LateEvents.isLate(ts, watermark(ctx), Duration.ofMillis(settings.allowedLatenessMs));
  }

  private static long watermark(Context ctx) {
    return ctx.timerService().currentWatermark();
  }

  private BuyerState stateFor(String shopId, String buyerId) throws Exception {
    BuyerState buyer = state.value();
    return buyer != null ? buyer : BuyerLedger.newState(shopId, buyerId);
  }

  private void save(BuyerState buyer, BuyerLedger ledger, Context ctx) throws Exception {
    state.update(buyer);
    long next = ledger.nextAdvance();
    if (next != Long.MAX_VALUE) {
      // Fires once the horizon (watermark − allowed lateness) has passed `next`.
      long at = next + settings.allowedLatenessMs + 1;
      ctx.timerService()
          .registerEventTimeTimer(
              Math.floorDiv(at + TIMER_GRANULARITY_MS - 1, TIMER_GRANULARITY_MS)
                  * TIMER_GRANULARITY_MS);
    }
  }

  private static void emit(LedgerChanges changes, Context ctx, Collector<ConversionDelta> out) {
    changes.orders.forEach(f -> ctx.output(ORDER_FACTS, f));
    changes.inquiries.forEach(f -> ctx.output(INQUIRY_FACTS, f));
    changes.deltas.forEach(out::collect);
  }
}
