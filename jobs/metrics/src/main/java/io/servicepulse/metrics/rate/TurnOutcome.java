// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.rate;

import io.servicepulse.metrics.turn.TurnFact;

/** What the N-minute rule needs of one business-hours turn. A Flink POJO. */
public class TurnOutcome {

  public String turnId;

  /** Credited agent, "" = the shop. */
  public String agentId;

  public boolean humanAnswered;
  public boolean withinN;

  public TurnOutcome() {}

  public static TurnOutcome of(TurnFact t) {
    TurnOutcome o = new TurnOutcome();
    o.turnId = t.turnId;
    o.agentId = t.agentId;
    o.humanAnswered = t.humanAnswered();
    o.withinN = t.withinN;
    return o;
  }
}
