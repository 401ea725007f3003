// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import java.util.Comparator;

/**
 * One row of {@code qa_verdicts}: a decision on one flagged message, by a reviewer (kind {@link
 * #KIND_VERDICT}) or by a QA lead on an appeal (kind {@link #KIND_APPEAL_DECISION}).
 *
 * @param severityOverride 1-3, or 0 for none
 * @param categoryCorrection the corrected category, or '' for none
 */
public record Verdict(
    String verdictId,
    String messageId,
    String shopId,
    String agentId,
    String kind,
    Decision decision,
    int severityOverride,
    String categoryCorrection,
    String comment,
    String reviewer,
    String appealId,
    String audit,
    long decidedMs) {

  public static final String KIND_VERDICT = "verdict";
  public static final String KIND_APPEAL_DECISION = "appeal_decision";

  /** Later decisions sort last; the id breaks a tie of equal timestamps. */
  public static final Comparator<Verdict> CHRONOLOGICAL =
      Comparator.comparingLong(Verdict::decidedMs).thenComparing(Verdict::verdictId);

  public boolean isAppealDecision() {
    return KIND_APPEAL_DECISION.equals(kind);
  }
}
