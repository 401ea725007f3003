// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import java.time.ZoneId;
import java.util.List;

/**
 * What one queue page shows of the items an account may see: the tab's items that pass the filter,
 * in {@link QueueOrder}, {@code pageSize} of them from page {@code page} (0 = the first); how many
 * of the tab the filters hide; how many matching items come after this page ({@code beyondLimit});
 * and how many items the other tab has. The console reads pages from ClickHouse ({@code
 * store/QueueQuery}); {@link #of} is the same page computed in memory, the reference its tests
 * compare with.
 */
public record QueuePage(
    List<QueueItem> shown,
    int hiddenByFilters,
    int beyondLimit,
    int tabTotal,
    int otherTabTotal,
    int page,
    int pageSize) {

  /** Items matching the filters, on this and all pages. */
  public int matching() {
    return tabTotal - hiddenByFilters;
  }

  /** Pages of matching items (at least 1). */
  public int pages() {
    return Math.max(1, (matching() + pageSize - 1) / pageSize);
  }

  public static QueuePage of(List<QueueItem> visible, QueueFilter filter, ZoneId zone, int limit) {
    List<QueueItem> inTab = visible.stream().filter(i -> i.tab() == filter.tab()).toList();
    List<QueueItem> matching =
        inTab.stream().filter(i -> filter.matches(i, zone)).sorted(QueueOrder.ORDER).toList();
    List<QueueItem> shown = matching.stream().limit(limit).toList();
    return new QueuePage(
        shown,
        inTab.size() - matching.size(),
        matching.size() - shown.size(),
        inTab.size(),
        visible.size() - inTab.size(),
        0,
        limit);
  }
}
