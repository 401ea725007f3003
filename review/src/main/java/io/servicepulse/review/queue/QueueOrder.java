// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import java.util.Comparator;

/**
 * The queue's order: unreviewed before reviewed, then higher severity (after any override), then
 * older first (the longest waiting), then message id so the order is stable.
 */
public final class QueueOrder {

  public static final Comparator<QueueItem> ORDER =
      Comparator.comparing(QueueItem::reviewed)
          .thenComparing(Comparator.comparingInt(QueueItem::severity).reversed())
          .thenComparingLong(QueueItem::tsMs)
          .thenComparing(QueueItem::messageId);

  private QueueOrder() {}
}
