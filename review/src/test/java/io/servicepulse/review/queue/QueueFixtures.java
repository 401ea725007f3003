// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import java.util.List;

/** Factories of queue items, verdicts and flags for the pure tests. */
public final class QueueFixtures {

  private QueueFixtures() {}

  /** An agent-misconduct item of shop-a with one INSULT rule. */
  public static QueueItem item(String id, int severity, long tsMs, Verdict latest) {
    return item(id, "AGENT", tsMs, severity, "INSULT", List.of("r1"), latest);
  }

  /** A buyer-abuse item of shop-a. */
  public static QueueItem buyerItem(String id, int severity) {
    return item(id, "BUYER", 1, severity, "PROFANITY", List.of("r2"), null);
  }

  /** An item whose rules are {@code rules}, with a latest verdict of {@code decision} if any. */
  public static QueueItem itemWithRules(String id, List<String> rules, Decision decision) {
    return item(
        id, "AGENT", 1, 2, "INSULT", rules, decision == null ? null : verdict(id, decision, 0, 1));
  }

  private static QueueItem item(
      String id,
      String senderRole,
      long tsMs,
      int severity,
      String category,
      List<String> rules,
      Verdict latest) {
    return new QueueItem(
        id,
        "shop-a",
        "t1",
        "agent-1",
        "buyer-1",
        senderRole,
        tsMs,
        severity,
        List.of(category),
        rules,
        "text",
        latest,
        "");
  }

  public static Verdict verdict(
      String messageId, Decision decision, int severityOverride, long at) {
    return new Verdict(
        "v-" + messageId + "-" + at,
        messageId,
        "shop-a",
        "agent-1",
        Verdict.KIND_VERDICT,
        decision,
        severityOverride,
        "",
        "",
        "rev",
        "",
        "",
        at);
  }

  public static FlagRow flag(String messageId, String rule, String category, int severity) {
    return new FlagRow(
        messageId, rule, "shop-a", "t1", "agent-1", "buyer-1", "c1", "AGENT", 1000, category,
        severity, 0, 2, "", "text", "v1", "zh");
  }
}
