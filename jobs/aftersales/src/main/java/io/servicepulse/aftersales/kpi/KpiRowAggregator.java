// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import io.servicepulse.common.flink.SummedRows;

/**
 * Sums the ledgers' changes into one (shop, agent, day) row and emits the row each time it changes,
 * its version one higher ({@link SummedRows}). The row goes once its day is final ({@link
 * KpiSettings#dayFinalAt}); a change after that is a dead letter.
 */
public final class KpiRowAggregator extends SummedRows<KpiDelta, KpiRow> {

  private final KpiSettings settings;

  public KpiRowAggregator(String job, KpiSettings settings) {
    super(job, "agent_kpi_daily", KpiRow.class, settings.closedRows);
    this.settings = settings;
  }

  @Override
  protected long finalAt(KpiDelta delta) {
    return settings.dayFinalAt(delta.shopId, delta.day);
  }

  @Override
  protected String rowKey(KpiDelta delta) {
    return delta.rowKey();
  }

  @Override
  protected KpiRow newRow(KpiDelta delta) {
    KpiRow row = new KpiRow();
    row.shopId = delta.shopId;
    row.agentId = delta.agentId;
    row.day = delta.day;
    return row;
  }

  @Override
  protected KpiRow add(KpiRow row, KpiDelta delta) {
    row.counts.add(delta.counts, 1);
    row.version++;
    return row.copy();
  }
}
