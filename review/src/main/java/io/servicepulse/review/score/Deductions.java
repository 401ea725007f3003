// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.score;

import io.servicepulse.review.queue.QueueItem;
import io.servicepulse.review.queue.Tab;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deduction points (扣分) per confirmed category, as configured ({@code review.deductions}): a
 * message confirmed as agent misconduct costs its agent the points of its category (the corrected
 * one if a reviewer corrected it; the highest if several rules fired). Buyer abuse, unconfirmed and
 * overturned flags cost nothing.
 */
public final class Deductions {

  /** The default points per category, the order of the README's table. */
  public static final String DEFAULTS =
      "PROFANITY=5,INSULT=5,THREAT=10,DISCRIMINATION=10,IMPATIENCE=2,SHIRKING=2,OFF_PLATFORM=10,"
          + "REVIEW_BRIBE=5,PRIVACY_LEAK=10";

  /** One agent's confirmed misconduct and points lost. */
  public record AgentScore(String shopId, String agentId, int confirmed, int points) {}

  private final Map<String, Integer> points;

  private Deductions(Map<String, Integer> points) {
    this.points = Map.copyOf(points);
  }

  /** "INSULT=5,THREAT=10": points per category; a category not listed costs 0. */
  public static Deductions parse(String spec) {
    Map<String, Integer> points = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException(
            "review.deductions: expected CATEGORY=points, got " + pair);
      }
      int value = Integer.parseInt(pair.substring(eq + 1).strip());
      if (value < 0) {
        throw new IllegalArgumentException("review.deductions: negative points in " + pair);
      }
      points.put(pair.substring(0, eq).strip(), value);
    }
    return new Deductions(points);
  }

  /** Points {@code item} costs its agent now (0 unless confirmed agent misconduct). */
  public int of(QueueItem item) {
    if (!item.confirmed() || item.tab() != Tab.AGENT_MISCONDUCT) {
      return 0;
    }
    return item.effectiveCategories().stream()
        .mapToInt(c -> points.getOrDefault(c, 0))
        .max()
        .orElse(0);
  }

  /** Per (shop, agent) with at least one confirmed flag: most points lost first. */
  public List<AgentScore> scorecard(List<QueueItem> items) {
    Map<List<String>, int[]> byAgent = new TreeMap<>(Comparator.comparing(Object::toString));
    for (QueueItem item : items) {
      if (item.confirmed() && item.tab() == Tab.AGENT_MISCONDUCT) {
        int[] sums =
            byAgent.computeIfAbsent(List.of(item.shopId(), item.agentId()), k -> new int[2]);
        sums[0]++;
        sums[1] += of(item);
      }
    }
    List<AgentScore> scores = new ArrayList<>();
    byAgent.forEach((k, v) -> scores.add(new AgentScore(k.get(0), k.get(1), v[0], v[1])));
    scores.sort(Comparator.comparingInt(AgentScore::points).reversed());
    return scores;
  }
}
