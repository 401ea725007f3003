package io.servicepulse.review.queue;

import java.time.ZoneId;
import java.util.List;

/**
 * What one queue page shows of the items an account may see: the tab's items that pass the filter,
 * in {@link QueueOrder}, at most {@code limit}; how many of the tab the filters hide; and how many
 * items the other tab has.
 */
public record QueuePage(
    List<QueueItem> shown, int hiddenByFilters, int beyondLimit, int tabTotal, int otherTabTotal) {

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
        visible.size() - inTab.size());
  }
}
