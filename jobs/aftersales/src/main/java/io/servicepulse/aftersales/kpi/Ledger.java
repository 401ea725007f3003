// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import java.util.List;

/**
 * What one rating, case or agent has contributed to the KPI rows so far. Applying an event returns
 * the row changes it makes: retractions of the old contribution and additions of the new, so
 * corrections move figures between rows (another day, another agent) and sums stay exact in any
 * arrival order.
 */
public interface Ledger<E> {

  /** The changes {@code event} makes to the KPI rows (empty if none). */
  List<KpiDelta> apply(E event, KpiSettings settings);

  /** Event time after which no event can change this ledger's rows, so its state can go. */
  long keepUntil(KpiSettings settings);

  /** Drops what no event within the window can need any more; false if nothing is left. */
  default boolean prune(long watermark, KpiSettings settings) {
    return true;
  }
}
