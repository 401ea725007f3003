// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import io.servicepulse.events.AfterSalesCosts;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AfterSalesStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One after-sales case. Everything about it counts on the day it was opened and for its handling
 * agent (the agent named on its latest event that names one): the case, its answer, a dispute
 * (纠纷/投诉 = ESCALATED), whether anything was paid out, its handling time (opened → first CLOSED) and
 * every payout — so a payout days later, or a new handler, corrects the opening day's rows. POJO.
 */
public class CaseLedger implements Ledger<AfterSalesEvent> {
  private static final BigDecimal ZERO = new BigDecimal("0.00");

  public String shopId;
  public List<String> eventIds = new ArrayList<>();
  public long openedTs = -1;
  public long earliestTs = Long.MAX_VALUE;
  public long firstClosedTs = -1;
  public boolean agreed;
  public boolean rejected;
  public boolean escalated;
  public String agentId = "";
  public long agentTs = Long.MIN_VALUE;
  public String agentEventId = "";
  public BigDecimal cashback = ZERO;
  public BigDecimal reship = ZERO;
  public BigDecimal refundOnly = ZERO;
  public BigDecimal deposit = ZERO;

  public CaseLedger() {}

  /** A ledger for an opened case; null for a later change, which came after its rows were final. */
  public static CaseLedger startedBy(AfterSalesEvent a) {
    return a.getStatus() == AfterSalesStatus.OPENED ? new CaseLedger() : null;
  }

  @Override
  public List<KpiDelta> apply(AfterSalesEvent a, KpiSettings settings) {
    if (eventIds.contains(a.getEventId())) {
      return List.of();
    }
    List<KpiDelta> before = contribution(settings);
    eventIds.add(a.getEventId());
    shopId = a.getShopId();
    long ts = a.getTs().toEpochMilli();
    earliestTs = Math.min(earliestTs, ts);
    switch (a.getStatus()) {
      case OPENED -> openedTs = openedTs < 0 ? ts : Math.min(openedTs, ts);
      case AGREED -> agreed = true;
      case REJECTED -> rejected = true;
      case ESCALATED -> escalated = true;
      case CLOSED -> firstClosedTs = firstClosedTs < 0 ? ts : Math.min(firstClosedTs, ts);
    }
    if (a.getAgentId() != null
        && (ts > agentTs || (ts == agentTs && a.getEventId().compareTo(agentEventId) > 0))) {
      agentId = a.getAgentId();
      agentTs = ts;
      agentEventId = a.getEventId();
    }
    AfterSalesCosts c = a.getCosts();
    cashback = cashback.add(c.getCashback());
    reship = reship.add(c.getReship());
    refundOnly = refundOnly.add(c.getRefundOnly());
    deposit = deposit.add(c.getDeposit());
    return Contributions.diff(before, contribution(settings));
  }

  private long day0() {
    return openedTs >= 0 ? openedTs : earliestTs;
  }

  private List<KpiDelta> contribution(KpiSettings settings) {
    if (eventIds.isEmpty()) {
      return List.of();
    }
    KpiCounts c = new KpiCounts();
    c.cases = openedTs >= 0 ? 1 : 0;
    c.agreed = agreed ? 1 : 0;
    c.rejected = rejected ? 1 : 0;
    c.escalated = escalated ? 1 : 0;
    c.closed = firstClosedTs >= 0 ? 1 : 0;
    c.paidCases = cashback.add(reship).add(refundOnly).add(deposit).signum() > 0 ? 1 : 0;
    c.handlingMs = openedTs >= 0 && firstClosedTs >= 0 ? firstClosedTs - openedTs : 0;
    c.costCashback = cashback;
    c.costReship = reship;
    c.costRefundOnly = refundOnly;
    c.costDeposit = deposit;
    return List.of(new KpiDelta(shopId, agentId, settings.day(shopId, day0()), c));
  }

  @Override
  public long keepUntil(KpiSettings settings) {
    return settings.dayFinalAt(shopId, settings.day(shopId, day0()));
  }
}
