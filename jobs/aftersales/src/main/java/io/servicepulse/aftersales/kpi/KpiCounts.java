// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The figures of one (shop, agent, day) KPI row, all sums, so days roll up to months and agents to
 * shops exactly. A delta is the same shape with negative numbers for a retraction. POJO.
 */
public class KpiCounts {

  private static final BigDecimal ZERO = new BigDecimal("0.00");

  // Ratings and reviews in their latest revision, on the day of their first (see FeedbackLedger).
  public long serviceRatings;
  public long productReviews;
  public long bad;
  public long middling;
  public long good;
  public long agentResponsible;
  public long invited;
  public long modified;
  public long badOrMiddlingFirst;
  public long modifiedToGood;

  // After-sales cases on the day they were opened, credited to their handling agent (CaseLedger).
  public long cases;
  public long agreed;
  public long rejected;
  public long escalated;
  public long closed;
  public long paidCases;
  public long handlingMs;
  public BigDecimal costCashback = ZERO;
  public BigDecimal costReship = ZERO;
  public BigDecimal costRefundOnly = ZERO;
  public BigDecimal costDeposit = ZERO;

  // Workload from agent events (AgentTimeline): transfers on their day, status time split by day.
  public long transfersOut;
  public long transfersIn;
  public long onlineMs;
  public long busyMs;
  public long awayMs;

  public KpiCounts() {}

  /** Adds {@code other} × {@code sign} (+1 or −1). */
  public void add(KpiCounts o, int sign) {
    serviceRatings += sign * o.serviceRatings;
    productReviews += sign * o.productReviews;
    bad += sign * o.bad;
    middling += sign * o.middling;
    good += sign * o.good;
    agentResponsible += sign * o.agentResponsible;
    invited += sign * o.invited;
    modified += sign * o.modified;
    badOrMiddlingFirst += sign * o.badOrMiddlingFirst;
    modifiedToGood += sign * o.modifiedToGood;
    cases += sign * o.cases;
    agreed += sign * o.agreed;
    rejected += sign * o.rejected;
    escalated += sign * o.escalated;
    closed += sign * o.closed;
    paidCases += sign * o.paidCases;
    handlingMs += sign * o.handlingMs;
    BigDecimal s = BigDecimal.valueOf(sign);
    costCashback = costCashback.add(o.costCashback.multiply(s));
    costReship = costReship.add(o.costReship.multiply(s));
    costRefundOnly = costRefundOnly.add(o.costRefundOnly.multiply(s));
    costDeposit = costDeposit.add(o.costDeposit.multiply(s));
    transfersOut += sign * o.transfersOut;
    transfersIn += sign * o.transfersIn;
    onlineMs += sign * o.onlineMs;
    busyMs += sign * o.busyMs;
    awayMs += sign * o.awayMs;
  }

  public KpiCounts copy() {
    KpiCounts c = new KpiCounts();
    c.add(this, 1);
    return c;
  }

  public boolean isZero() {
    return figures().equals(new KpiCounts().figures());
  }

  /** The three groups of figures (ratings, cases, workload), in the table's column order. */
  public List<List<Object>> groups() {
    return List.of(
        List.of(
            serviceRatings,
            productReviews,
            bad,
            middling,
            good,
            agentResponsible,
            invited,
            modified,
            badOrMiddlingFirst,
            modifiedToGood),
        List.of(
            cases,
            agreed,
            rejected,
            escalated,
            closed,
            paidCases,
            handlingMs,
            costCashback.setScale(2),
            costReship.setScale(2),
            costRefundOnly.setScale(2),
            costDeposit.setScale(2)),
        List.of(transfersOut, transfersIn, onlineMs, busyMs, awayMs));
  }

  /**
   * The groups' figures separated by spaces, groups by " | ", as {@code AgentKpiTable.FIGURES_SQL}
   * reads a group of rows and the generator's truth writes them.
   */
  public String figures() {
    return groups().stream()
        .map(g -> g.stream().map(KpiCounts::text).collect(Collectors.joining(" ")))
        .collect(Collectors.joining(" | "));
  }

  private static String text(Object figure) {
    return figure instanceof BigDecimal d ? d.toPlainString() : figure.toString();
  }

  @Override
  public String toString() {
    return figures();
  }
}
