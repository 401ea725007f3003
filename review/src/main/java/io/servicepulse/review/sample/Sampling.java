// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.sample;

import io.servicepulse.review.queue.QueueItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Spot checks (抽查): which agents are abnormal, and N of each chosen agent's flagged messages at
 * random, reproducibly for one seed (a reload shows the same sample).
 */
public final class Sampling {

  private Sampling() {}

  /**
   * The worst quarter of the agents with a non-zero denominator (at least one agent): lowest rates
   * if {@code lowIsBad}, else highest; worst first.
   */
  public static List<AgentRate> abnormal(List<AgentRate> rates, boolean lowIsBad) {
    Comparator<AgentRate> byRate = Comparator.comparingDouble(AgentRate::rate);
    List<AgentRate> ranked =
        rates.stream()
            .filter(r -> r.denominator() > 0)
            .sorted(
                (lowIsBad ? byRate : byRate.reversed())
                    .thenComparing(AgentRate::shopId)
                    .thenComparing(AgentRate::agentId))
            .toList();
    int count = (ranked.size() + 3) / 4;
    return ranked.subList(0, count);
  }

  /** "shop|agent", the key of an agent in a shop. */
  public static String key(String shopId, String agentId) {
    return shopId + "|" + agentId;
  }

  /**
   * Up to {@code perAgent} of each agent's items (agents named by {@link #key}, or all if {@code
   * agents} is null), chosen at random with {@code seed}; grouped by agent in key order.
   */
  public static List<QueueItem> sample(
      List<QueueItem> items, Set<String> agents, int perAgent, long seed) {
    Map<String, List<QueueItem>> byAgent =
        items.stream()
            .filter(i -> agents == null || agents.contains(key(i.shopId(), i.agentId())))
            .sorted(Comparator.comparing(QueueItem::messageId))
            .collect(
                Collectors.groupingBy(
                    i -> key(i.shopId(), i.agentId()),
                    () -> new java.util.TreeMap<>(),
                    Collectors.toList()));
    Random random = new Random(seed);
    List<QueueItem> sample = new ArrayList<>();
    for (List<QueueItem> ofAgent : new LinkedHashMap<>(byAgent).values()) {
      List<QueueItem> shuffled = new ArrayList<>(ofAgent);
      java.util.Collections.shuffle(shuffled, random);
      sample.addAll(shuffled.subList(0, Math.min(perAgent, shuffled.size())));
    }
    return sample;
  }
}
