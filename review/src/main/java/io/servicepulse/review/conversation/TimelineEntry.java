// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

import java.util.List;

/**
 * One line of the conversation view: a chat message (with its marked segments, the categories
 * flagged on it, and the response time of the turn it opens) or an order status change.
 *
 * @param responseMs the response time of the turn this buyer message opens; -1 unanswered, null if
 *     it opens no turn (or turns are not known)
 */
public record TimelineEntry(
    long tsMs,
    ChatLine message,
    List<Segment> segments,
    List<String> flagCategories,
    boolean focus,
    Long responseMs,
    OrderLine order) {

  public boolean isOrder() {
    return order != null;
  }
}
