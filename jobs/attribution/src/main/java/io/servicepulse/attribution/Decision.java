// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Who wins an order: the owner (落实, null for a silent order) and the other candidates (协助下单),
 * decided at {@code decisionMs} (creation or payment, per the rule). POJO.
 */
public class Decision {
  public long decisionMs;
  public AgentCredit owner;
  public List<AgentCredit> assists = new ArrayList<>();

  public Decision() {}

  Decision(long decisionMs, AgentCredit owner, List<AgentCredit> assists) {
    this.decisionMs = decisionMs;
    this.owner = owner;
    this.assists = assists;
  }

  boolean silent() {
    return owner == null;
  }

  boolean ownedBy(String agentId) {
    return owner != null && owner.agentId.equals(agentId);
  }
}
