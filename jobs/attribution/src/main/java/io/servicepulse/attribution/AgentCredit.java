// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.util.Objects;

/** An agent credited for an order, with the team and time of the answer that earned it. POJO. */
public class AgentCredit {
  public String agentId;
  public String teamId;
  public long ts;

  public AgentCredit() {}

  AgentCredit(String agentId, String teamId, long ts) {
    this.agentId = agentId;
    this.teamId = teamId;
    this.ts = ts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentCredit c
        && ts == c.ts
        && agentId.equals(c.agentId)
        && teamId.equals(c.teamId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(agentId, teamId, ts);
  }
}
