// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.flink.SummedRows;

/**
 * Sums the buyers' corrections into one (shop, team, agent, day) row and emits the row each time it
 * changes, with a version one higher ({@link SummedRows}). The row's state is closed once the day
 * is final (see {@link AttributionSettings#dayFinalAt}).
 */
public final class ConversionAggregator extends SummedRows<ConversionDelta, ConversionRow> {

  private final AttributionSettings settings;

  public ConversionAggregator(String job, AttributionSettings settings) {
    super(job, "conversion", ConversionRow.class, settings.closedRows);
    this.settings = settings;
  }

  @Override
  protected long finalAt(ConversionDelta delta) {
    return settings.dayFinalAt(delta.shopId, delta.day) + settings.allowedLatenessMs;
  }

  @Override
  protected String rowKey(ConversionDelta delta) {
    return delta.rowKey();
  }

  @Override
  protected ConversionRow newRow(ConversionDelta delta) {
    ConversionRow row = new ConversionRow();
    row.shopId = delta.shopId;
    row.teamId = delta.teamId;
    row.agentId = delta.agentId;
    row.day = delta.day;
    return row;
  }

  @Override
  protected ConversionRow add(ConversionRow row, ConversionDelta delta) {
    row.counts.add(delta.counts, 1);
    row.version++;
    return row.copy();
  }
}
