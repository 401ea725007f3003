// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.precision;

import io.servicepulse.review.queue.QueueItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Precision per rule and per flagged category from the latest decision of each reviewed message: a
 * message's decision counts once for every rule (category) that fired on it. Unreviewed messages do
 * not count.
 */
public final class Precision {

  private Precision() {}

  public static List<PrecisionRow> byRule(List<QueueItem> items) {
    return count(items, QueueItem::rules);
  }

  public static List<PrecisionRow> byCategory(List<QueueItem> items) {
    return count(items, QueueItem::categories);
  }

  private static List<PrecisionRow> count(
      List<QueueItem> items, Function<QueueItem, List<String>> keys) {
    Map<String, int[]> counts = new TreeMap<>();
    for (QueueItem item : items) {
      if (!item.reviewed()) {
        continue;
      }
      int slot =
          switch (item.latest().decision()) {
            case CONFIRM -> 0;
            case FALSE_ALARM -> 1;
            case UNSURE -> 2;
          };
      for (String key : keys.apply(item)) {
        counts.computeIfAbsent(key, k -> new int[3])[slot]++;
      }
    }
    List<PrecisionRow> rows = new ArrayList<>();
    counts.forEach((key, c) -> rows.add(new PrecisionRow(key, c[0], c[1], c[2])));
    return rows;
  }
}
