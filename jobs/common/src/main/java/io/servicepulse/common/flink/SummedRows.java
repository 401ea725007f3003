// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import io.servicepulse.common.deadletter.DeadLetters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums changes (deltas) into one row per key and emits the row each time it changes, its version
 * one higher (a per-row counter in state, never the clock), so ClickHouse's ReplacingMergeTree
 * keeps the latest. Sums commute, so the row ends the same whatever order the changes arrive in.
 * The row's state is closed once its day is final ({@link #finalAt}) and dropped as {@link
 * ClosedRows} says; a change after that is a dead letter, never a fresh partial row.
 *
 * @param <D> a change to one row
 * @param <R> the row, a POJO kept in state as "row"
 */
public abstract class SummedRows<D, R> extends KeyedProcessFunction<String, D, R> {

  private final String job;
  private final String table;
  private final Class<R> rowClass;
  private final ClosedRows closedRows;
  private transient ValueState<R> row;

  protected SummedRows(String job, String table, Class<R> rowClass, ClosedRows closedRows) {
    this.job = job;
    this.table = table;
    this.rowClass = rowClass;
    this.closedRows = closedRows;
  }

  /** Event time from which nothing can change the row {@code delta} belongs to. */
  protected abstract long finalAt(D delta);

  /** The key of the row {@code delta} changes, for dead letters. */
  protected abstract String rowKey(D delta);

  /** An empty row (version 0) for {@code delta}'s key. */
  protected abstract R newRow(D delta);

  /** Adds {@code delta} to {@code row}, raises its version by one and returns a copy to emit. */
  protected abstract R add(R row, D delta);

  @Override
  public void open(OpenContext openContext) {
    row = getRuntimeContext().getState(new ValueStateDescriptor<>("row", rowClass));
  }

  @Override
  public void processElement(D delta, Context ctx, Collector<R> out) throws Exception {
    R current = row.value();
    long finalAt = finalAt(delta);
    long watermark = ctx.timerService().currentWatermark();
    if (current == null && ClosedRows.wasDropped(watermark, finalAt)) {
      // A fresh row would carry a lower version than the one in ClickHouse and be ignored there.
      ctx.output(
          DeadLetters.TAG,
          ClosedRows.lateLetter(
              job,
              table,
              "delta for " + rowKey(delta) + " after its day was final",
              rowKey(delta) + "@" + watermark,
              delta));
      return;
    }
    if (current == null) {
      current = newRow(delta);
      ctx.timerService().registerEventTimeTimer(finalAt + 1);
    }
    R emitted = add(current, delta);
    row.update(current);
    out.collect(emitted);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<R> out) {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      row.clear();
    } else {
      closedRows.scheduleDrop(ctx.timerService());
    }
  }
}
