// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import java.util.Comparator;
import java.util.List;

/**
 * Earlier and later flags around one message: the same agent's other flagged messages (their
 * conduct) and the same buyer's other flagged messages with the shop (both tabs), newest first.
 */
public record RelatedFlags(List<QueueItem> ofAgent, List<QueueItem> ofBuyer) {

  public static RelatedFlags of(List<QueueItem> visible, QueueItem item, int limit) {
    Comparator<QueueItem> newestFirst =
        Comparator.comparingLong(QueueItem::tsMs).reversed().thenComparing(QueueItem::messageId);
    List<QueueItem> ofAgent =
        visible.stream()
            .filter(i -> !i.messageId().equals(item.messageId()))
            .filter(i -> !item.agentId().isEmpty() && i.agentId().equals(item.agentId()))
            .filter(i -> i.tab() == Tab.AGENT_MISCONDUCT)
            .sorted(newestFirst)
            .limit(limit)
            .toList();
    List<QueueItem> ofBuyer =
        visible.stream()
            .filter(i -> !i.messageId().equals(item.messageId()))
            .filter(i -> i.shopId().equals(item.shopId()) && i.buyerId().equals(item.buyerId()))
            .sorted(newestFirst)
            .limit(limit)
            .toList();
    return new RelatedFlags(ofAgent, ofBuyer);
  }
}
