// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

import io.servicepulse.metrics.turn.TurnFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One buyer's business-hours turns of one shop-local day, and the per-buyer N-minute flags they
 * give (the platforms' 人工N分钟回复率), without Flink. For the shop: reached if any turn was answered by
 * a human, missed if reached and any turn was not answered by a human within N. For an agent:
 * reached if that agent answered a turn, missed if reached and a turn credited to that agent was
 * not answered within N. Turns can be corrected or retracted; {@link #changes()} reports how the
 * flags moved since the last call. A Flink POJO (state).
 */
public class BuyerDay {

  private static final String SHOP_KEY = "";
  private static final String AGENT_PREFIX = "a:";
  private static final int REACHED = 1;
  private static final int MISSED = 2;

  public String shopId;
  public int day;
  public List<TurnOutcome> turns = new ArrayList<>();

  /** Flags last reported: "" = shop, "a:" + agent id = that agent; bit 1 reached, bit 2 missed. */
  public Map<String, Integer> reported = new HashMap<>();

  public BuyerDay() {}

  public BuyerDay(String shopId, int day) {
    this.shopId = shopId;
    this.day = day;
  }

  public void apply(TurnFact t) {
    turns.removeIf(o -> o.turnId.equals(t.turnId));
    if (!t.retracted) {
      turns.add(TurnOutcome.of(t));
    }
  }

  /** The changes of the flags since the last call, as deltas of the daily rows. */
  public List<ReplyRateDelta> changes() {
    Map<String, Integer> now = flags();
    Set<String> keys = new HashSet<>(now.keySet());
    keys.addAll(reported.keySet());
    List<ReplyRateDelta> deltas = new ArrayList<>();
    for (String key : keys) {
      int before = reported.getOrDefault(key, 0);
      int after = now.getOrDefault(key, 0);
      if (before == after) {
        continue;
      }
      boolean shop = key.equals(SHOP_KEY);
      deltas.add(
          new ReplyRateDelta(
              shop ? ReplyRateDelta.SCOPE_SHOP : ReplyRateDelta.SCOPE_AGENT,
              shopId,
              shop ? "" : key.substring(AGENT_PREFIX.length()),
              day,
              bit(after, REACHED) - bit(before, REACHED),
              bit(after, MISSED) - bit(before, MISSED)));
    }
    reported = now;
    return deltas;
  }

  private Map<String, Integer> flags() {
    Map<String, Integer> flags = new HashMap<>();
    boolean reached = false;
    boolean late = false;
    Set<String> answerers = new HashSet<>();
    for (TurnOutcome t : turns) {
      reached |= t.humanAnswered;
      late |= !t.withinN;
      if (t.humanAnswered) {
        answerers.add(t.agentId);
      }
    }
    if (reached) {
      flags.put(SHOP_KEY, REACHED | (late ? MISSED : 0));
    }
    for (String agent : answerers) {
      boolean agentLate = false;
      for (TurnOutcome t : turns) {
        agentLate |= t.agentId.equals(agent) && !t.withinN;
      }
      flags.put(AGENT_PREFIX + agent, REACHED | (agentLate ? MISSED : 0));
    }
    return flags;
  }

  private static int bit(int flags, int bit) {
    return (flags & bit) != 0 ? 1 : 0;
  }
}
