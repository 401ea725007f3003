// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import java.util.List;

/**
 * One row of the queue: one flagged message with all the rules that fired on it, its latest verdict
 * (null if unreviewed) and who it is assigned to ('' if nobody).
 */
public record QueueItem(
    String messageId,
    String shopId,
    String teamId,
    String agentId,
    String buyerId,
    String senderRole,
    long tsMs,
    int flaggedSeverity,
    List<String> categories,
    List<String> rules,
    String maskedText,
    Verdict latest,
    String assignee) {

  public QueueItem {
    categories = List.copyOf(categories);
    rules = List.copyOf(rules);
  }

  public boolean reviewed() {
    return latest != null;
  }

  public Tab tab() {
    return Tab.ofSenderRole(senderRole);
  }

  /** The latest verdict's severity override if it has one, else the highest flagged severity. */
  public int severity() {
    return latest != null && latest.severityOverride() > 0
        ? latest.severityOverride()
        : flaggedSeverity;
  }

  /** The latest verdict's category correction if it has one, else the flagged categories. */
  public List<String> effectiveCategories() {
    return latest != null && !latest.categoryCorrection().isEmpty()
        ? List.of(latest.categoryCorrection())
        : categories;
  }

  /** Confirmed by the latest decision (a verdict or an upheld appeal). */
  public boolean confirmed() {
    return latest != null && latest.decision() == Decision.CONFIRM;
  }
}
