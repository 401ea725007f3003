// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds queue rows: flags grouped by message, joined with latest verdicts and assignments. */
public final class QueueItems {

  private QueueItems() {}

  /** The latest decision of each message: the greatest by (decided_ms, verdict_id). */
  public static Map<String, Verdict> latest(List<Verdict> verdicts) {
    Map<String, Verdict> latest = new LinkedHashMap<>();
    for (Verdict verdict : verdicts) {
      latest.merge(
          verdict.messageId(), verdict, (a, b) -> Verdict.CHRONOLOGICAL.compare(a, b) >= 0 ? a : b);
    }
    return latest;
  }

  /** One item per message of {@code flags}, in no particular order. */
  public static List<QueueItem> group(
      List<FlagRow> flags, Map<String, Verdict> latest, Map<String, String> assignees) {
    Map<String, List<FlagRow>> byMessage = new LinkedHashMap<>();
    for (FlagRow flag : flags) {
      byMessage.computeIfAbsent(flag.messageId(), k -> new ArrayList<>()).add(flag);
    }
    List<QueueItem> items = new ArrayList<>(byMessage.size());
    for (List<FlagRow> rows : byMessage.values()) {
      FlagRow first = rows.get(0);
      int severity = 0;
      TreeSet<String> categories = new TreeSet<>();
      TreeSet<String> rules = new TreeSet<>();
      for (FlagRow row : rows) {
        severity = Math.max(severity, row.severity());
        categories.add(row.category());
        rules.add(row.ruleId());
      }
      items.add(
          new QueueItem(
              first.messageId(),
              first.shopId(),
              first.teamId(),
              first.agentId(),
              first.buyerId(),
              first.senderRole(),
              first.tsMs(),
              severity,
              List.copyOf(categories),
              List.copyOf(rules),
              first.maskedText(),
              latest.get(first.messageId()),
              assignees.getOrDefault(first.messageId(), "")));
    }
    return items;
  }
}
