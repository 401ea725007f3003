// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.events.OrderStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribution decision of DESIGN.md for one order, from the buyer's answers (sorted by {@link
 * Answer#ORDER}): candidates are the agents who answered within the inquiry validity before the
 * decision instant (creation under 下单判定, payment under 付款判定); the last of them owns the order (落实),
 * the others assist (协助下单); agents answering from the decision instant until the follow-up window
 * ends or the trade closes get assisted follow-up (协助跟进). No candidate: a silent order (静默下单).
 */
public final class OrderAttributor {

  private static final Comparator<AgentCredit> BY_AGENT = Comparator.comparing(c -> c.agentId);

  private final AttributionSettings settings;

  public OrderAttributor(AttributionSettings settings) {
    this.settings = settings;
  }

  /** When the order is decided; null while the event that decides it has not arrived. */
  public Long decisionTime(OrderTrack order) {
    if (!order.has(OrderStatus.CREATED)) {
      return null; // PAID before CREATED: wait, the follow-up window starts at creation
    }
    return settings.rule == AttributionRule.ORDER_CREATED
        ? order.time(OrderStatus.CREATED)
        : order.time(OrderStatus.PAID);
  }

  /** The decision, or null if the order cannot be decided yet. */
  public Decision decide(OrderTrack order, List<Answer> answers) {
    Long at = decisionTime(order);
    if (at == null) {
      return null;
    }
    Map<String, Answer> lastByAgent = new LinkedHashMap<>();
    Answer last = null;
    for (Answer a : answers) {
      if (a.ts >= at - settings.validityMs && a.ts < at) {
        lastByAgent.put(a.agentId, a);
        last = a;
      }
    }
    if (last == null) {
      return new Decision(at, null, new ArrayList<>());
    }
    List<AgentCredit> assists = new ArrayList<>();
    for (Answer a : lastByAgent.values()) {
      if (!a.agentId.equals(last.agentId)) {
        assists.add(a.credit());
      }
    }
    assists.sort(BY_AGENT);
    return new Decision(at, last.credit(), assists);
  }

  /** End (inclusive) of the follow-up window: the window after creation, cut short at closing. */
  public long followUpEnd(OrderTrack order) {
    return Math.min(order.time(OrderStatus.CREATED) + settings.followUpWindowMs, order.closedMs());
  }

  /** Each agent answering in (decision, follow-up end], credited at their first such answer. */
  public List<AgentCredit> followUps(OrderTrack order, Decision decision, List<Answer> answers) {
    long end = followUpEnd(order);
    Map<String, AgentCredit> firstByAgent = new LinkedHashMap<>();
    for (Answer a : answers) {
      if (a.ts > decision.decisionMs && a.ts <= end) {
        firstByAgent.putIfAbsent(a.agentId, a.credit());
      }
    }
    List<AgentCredit> credits = new ArrayList<>(firstByAgent.values());
    credits.sort(BY_AGENT);
    return credits;
  }
}
