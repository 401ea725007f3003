// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code order_attribution}: an order as attributed now. Re-emitted with a higher {@code
 * version} whenever it changes (payment, refund, a late answer). Times are epoch ms, 0 = not seen.
 * POJO.
 */
public class OrderAttributionFact {
  public String shopId;
  public String orderId;
  public String buyerId;
  public String rule;
  public boolean decided;
  public boolean silent;
  public long decisionMs;
  public String ownerAgentId = "";
  public String ownerTeamId = "";
  public List<String> assistAgentIds = new ArrayList<>();
  public List<String> followUpAgentIds = new ArrayList<>();
  public BigDecimal amount;
  public String currency;
  public String status;
  public long createdMs;
  public long paidMs;
  public long refundedMs;
  public long closedMs;
  public long version;

  public OrderAttributionFact() {}

  /** Equal in everything but the version. */
  boolean sameAs(OrderAttributionFact o) {
    return o != null
        && orderId.equals(o.orderId)
        && rule.equals(o.rule)
        && decided == o.decided
        && silent == o.silent
        && decisionMs == o.decisionMs
        && ownerAgentId.equals(o.ownerAgentId)
        && ownerTeamId.equals(o.ownerTeamId)
        && assistAgentIds.equals(o.assistAgentIds)
        && followUpAgentIds.equals(o.followUpAgentIds)
        && Objects.equals(amount, o.amount)
        && Objects.equals(currency, o.currency)
        && status.equals(o.status)
        && createdMs == o.createdMs
        && paidMs == o.paidMs
        && refundedMs == o.refundedMs
        && closedMs == o.closedMs;
  }

  @Override
  public String toString() {
    return orderId
        + " v"
        + version
        + (decided ? (silent ? " silent" : " owner=" + ownerAgentId) : " undecided")
        + " assists="
        + assistAgentIds
        + " followUps="
        + followUpAgentIds
        + " "
        + status
        + " "
        + amount;
  }
}
