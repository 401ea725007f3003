// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What re-inspecting one message with the current inspector writes to {@code qa_flags}, given the
 * message's stored rows (current or tombstones, each with its {@code inspected_ms}) and the flags
 * the inspector raises now:
 *
 * <ul>
 *   <li>a flag that fires now and is not stored, or is stored differently (an older inspector
 *       version, another severity or span, or a tombstone): written as it fires now;
 *   <li>a stored current flag that no longer fires: a tombstone, the stored row with {@code
 *       retracted = 1} and the current inspector version;
 *   <li>a flag stored exactly as it fires now, or a tombstone of a flag that still does not fire:
 *       nothing, so running it twice writes nothing the second time.
 * </ul>
 *
 * Every written row's {@code inspected_ms} is {@code max(now, stored + 1)}: greater than the row it
 * replaces, so the ReplacingMergeTree keeps it and a version never repeats or goes backwards for
 * its (message, rule), even when the stored row's clock ran ahead.
 */
public final class Reinspection {

  /** The rows to write for one message, and how many stored flags stay as they are. */
  public record Plan(List<QaFlagRow> raised, List<QaFlagRow> retracted, int unchanged) {
    public List<QaFlagRow> writes() {
      List<QaFlagRow> all = new ArrayList<>(raised);
      all.addAll(retracted);
      return all;
    }
  }

  private Reinspection() {}

  /**
   * @param stored the message's rows of {@code qa_flags FINAL}, tombstones included
   * @param now the flags the current inspector raises on the message
   * @param inspectorVersion the current inspector's version, written on tombstones
   */
  public static Plan plan(
      List<QaFlagRow> stored, List<QaFlagRow> now, String inspectorVersion, long nowMs) {
    Map<String, QaFlagRow> byRule = new LinkedHashMap<>();
    for (QaFlagRow row : stored) {
      byRule.put(row.ruleId, row);
    }
    List<QaFlagRow> raised = new ArrayList<>();
    int unchanged = 0;
    for (QaFlagRow fresh : now) {
      QaFlagRow old = byRule.remove(fresh.ruleId);
      if (old != null && old.sameFlag(fresh)) {
        unchanged++;
        continue;
      }
      QaFlagRow row = fresh.copy();
      row.retracted = 0;
      row.inspectedMs = version(old, nowMs);
      raised.add(row);
    }
    List<QaFlagRow> retracted = new ArrayList<>();
    for (QaFlagRow old : byRule.values()) {
      if (old.retracted == 1) {
        unchanged++;
        continue;
      }
      QaFlagRow tombstone = old.copy();
      tombstone.retracted = 1;
      tombstone.inspectorVersion = inspectorVersion;
      tombstone.inspectedMs = version(old, nowMs);
      retracted.add(tombstone);
    }
    return new Plan(raised, retracted, unchanged);
  }

  private static long version(QaFlagRow old, long nowMs) {
    return old == null ? nowMs : Math.max(nowMs, old.inspectedMs + 1);
  }
}
