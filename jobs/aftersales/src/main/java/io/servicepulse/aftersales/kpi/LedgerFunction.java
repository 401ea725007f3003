// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.flink.ClosedRows;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Keeps one {@link Ledger} per key (a rating, a case, an agent) and emits the KPI row changes its
 * events make. An event that cannot start a ledger (a later revision, a case's later change) and
 * finds none waits until its opening event could no longer arrive in time ({@code
 * events.allowed-lateness} after it); if none came, it is a dead letter (stage late, {@link
 * #NO_LEDGER}), never a fresh partial contribution: its rating or case opened before the window,
 * and its rows are final. The ledger goes once its rows are final ({@link ClosedRows}).
 */
public final class LedgerFunction<E, L extends Ledger<E>>
    extends KeyedProcessFunction<String, E, KpiDelta> {

  /** The dead letter's reason for an event that finds no ledger and cannot start one. */
  public static final String NO_LEDGER = "no opening event within the KPI correction window";

  private final String job;
  // EventKind itself is not serializable (it names its topic option): keep what is needed.
  private final Class<E> eventClass;
  private final SerializableFunction<E, String> eventId;
  private final SerializableFunction<E, Long> tsMs;
  private final Class<L> type;
  private final SerializableFunction<E, L> starter;
  private final KpiSettings settings;
  private transient ValueState<L> ledger;
  private transient ListState<E> waiting;

  public LedgerFunction(
      String job,
      EventKind<E> kind,
      Class<L> type,
      SerializableFunction<E, L> starter,
      KpiSettings settings) {
    this.job = job;
    this.eventClass = kind.eventClass();
    this.eventId = kind.eventId();
    this.tsMs = kind.tsMs();
    this.type = type;
    this.starter = starter;
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    ledger = getRuntimeContext().getState(new ValueStateDescriptor<>("ledger", type));
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", eventClass));
  }

  @Override
  public void processElement(E event, Context ctx, Collector<KpiDelta> out) throws Exception {
    L current = ledger.value();
    List<E> events = new ArrayList<>(List.of(event));
    if (current == null) {
      current = starter.apply(event);
      if (current == null) {
        // A copy: with object reuse the input instance may be refilled with the next record.
        waiting.add(copy(event));
        ctx.timerService().registerEventTimeTimer(tsMs.apply(event) + settings.allowedLatenessMs);
        return;
      }
      waiting.get().forEach(events::add);
      waiting.clear();
    }
    for (E e : events) {
      for (KpiDelta d : current.apply(e, settings)) {
        out.collect(d);
      }
    }
    long until = current.keepUntil(settings);
    if (until == Long.MIN_VALUE) {
      ledger.clear();
      return;
    }
    ledger.update(current);
    ctx.timerService().registerEventTimeTimer(until);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiDelta> out)
      throws Exception {
    L current = ledger.value();
    if (current == null) {
      deadLetterWaiting(timestamp, ctx);
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      if (watermark >= current.keepUntil(settings)) {
        ledger.clear();
      }
    } else if (timestamp >= current.keepUntil(settings)) {
      settings.closedRows.scheduleDrop(ctx.timerService());
    }
  }

  @SuppressWarnings("unchecked")
  private E copy(E event) {
    SpecificRecord record = (SpecificRecord) event;
    // The class's own model knows its logical types (decimals).
    return (E) SpecificData.getForClass(record.getClass()).deepCopy(record.getSchema(), record);
  }

  /** Events still without a ledger whose opening event can no longer arrive in time. */
  private void deadLetterWaiting(long timestamp, OnTimerContext ctx) throws Exception {
    List<E> still = new ArrayList<>();
    for (E e : waiting.get()) {
      if (tsMs.apply(e) + settings.allowedLatenessMs <= timestamp) {
        ctx.output(
            DeadLetters.TAG,
            DeadLetter.ofEvent(
                job,
                DeadLetter.STAGE_LATE,
                NO_LEDGER,
                ctx.getCurrentKey() + " at watermark " + ctx.timerService().currentWatermark(),
                eventId.apply(e),
                String.valueOf(e)));
      } else {
        still.add(e);
      }
    }
    waiting.update(still);
  }
}
