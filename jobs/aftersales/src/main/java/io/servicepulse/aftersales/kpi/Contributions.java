// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Retract + add: the row changes that turn one contribution into another. */
final class Contributions {

  private Contributions() {}

  /** {@code after − before} per row, rows whose change is zero left out. */
  static List<KpiDelta> diff(List<KpiDelta> before, List<KpiDelta> after) {
    Map<String, KpiDelta> rows = new LinkedHashMap<>();
    for (KpiDelta d : before) {
      sum(rows, d, -1);
    }
    for (KpiDelta d : after) {
      sum(rows, d, 1);
    }
    List<KpiDelta> out = new ArrayList<>();
    for (KpiDelta d : rows.values()) {
      if (!d.counts.isZero()) {
        out.add(d);
      }
    }
    return out;
  }

  private static void sum(Map<String, KpiDelta> rows, KpiDelta d, int sign) {
    rows.computeIfAbsent(d.rowKey(), k -> new KpiDelta(d.shopId, d.agentId, d.day, new KpiCounts()))
        .counts
        .add(d.counts, sign);
  }
}
