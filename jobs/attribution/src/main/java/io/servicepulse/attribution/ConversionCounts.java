// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The additive measures of one (shop, team, agent, day) conversion row, or of a shop's silent row
 * (agent ''). Everything is a sum, so one buyer's contribution can be added, retracted and
 * replaced, and rows roll up exactly to teams, weeks and months. POJO.
 */
public class ConversionCounts {
  /** Buyers with an inquiry answered by the agent that day (询单人数). */
  public long inquiringBuyers;

  /** Of those, buyers who created an order the agent owns within the validity (询单→下单). */
  public long orderedBuyers;

  /** Of those, buyers who paid such an order by the end of the next day (询单→次日付款). */
  public long paidNextDayBuyers;

  /** Of those, buyers who paid such an order within the validity (询单→最终付款). */
  public long paidInValidityBuyers;

  /** Orders decided that day with the agent as owner (落实订单). */
  public long ownedOrders;

  /** Orders decided that day with the agent as an assisting candidate (协助下单). */
  public long assistedOrders;

  /** Orders the agent followed up, counted on the day of the first follow-up answer (协助跟进). */
  public long assistedFollowUps;

  /**
   * Distinct buyers among those follow-ups (协助跟进人数): a buyer's row holds 0 or 1, so the sum counts
   * each buyer once per agent-day however many of their orders were followed up.
   */
  public long followedUpBuyers;

  /** Owned orders paid that day, their amount, and the distinct buyers who paid them. */
  public long ownerPaidOrders;

  public BigDecimal ownerSales = BigDecimal.ZERO;
  public long ownerPayingBuyers;

  /** Owned paid orders refunded that day, and their amount (reverses owner sales). */
  public long refundedOrders;

  public BigDecimal refundAmount = BigDecimal.ZERO;

  /** Shop rows only: silent orders decided, paid and refunded that day, with amounts. */
  public long silentOrders;

  public long silentPaidOrders;
  public BigDecimal silentSales = BigDecimal.ZERO;
  public long silentRefundedOrders;
  public BigDecimal silentRefundAmount = BigDecimal.ZERO;

  public ConversionCounts() {}

  /** this + sign × other, in place. */
  ConversionCounts add(ConversionCounts o, int sign) {
    inquiringBuyers += sign * o.inquiringBuyers;
    orderedBuyers += sign * o.orderedBuyers;
    paidNextDayBuyers += sign * o.paidNextDayBuyers;
    paidInValidityBuyers += sign * o.paidInValidityBuyers;
    ownedOrders += sign * o.ownedOrders;
    assistedOrders += sign * o.assistedOrders;
    assistedFollowUps += sign * o.assistedFollowUps;
    followedUpBuyers += sign * o.followedUpBuyers;
    ownerPaidOrders += sign * o.ownerPaidOrders;
    ownerSales = ownerSales.add(scaled(o.ownerSales, sign));
    ownerPayingBuyers += sign * o.ownerPayingBuyers;
    refundedOrders += sign * o.refundedOrders;
    refundAmount = refundAmount.add(scaled(o.refundAmount, sign));
    silentOrders += sign * o.silentOrders;
    silentPaidOrders += sign * o.silentPaidOrders;
    silentSales = silentSales.add(scaled(o.silentSales, sign));
    silentRefundedOrders += sign * o.silentRefundedOrders;
    silentRefundAmount = silentRefundAmount.add(scaled(o.silentRefundAmount, sign));
    return this;
  }

  ConversionCounts copy() {
    return new ConversionCounts().add(this, 1);
  }

  /** new − old; either may be null (nothing). */
  static ConversionCounts difference(ConversionCounts now, ConversionCounts before) {
    ConversionCounts d = new ConversionCounts();
    if (now != null) {
      d.add(now, 1);
    }
    if (before != null) {
      d.add(before, -1);
    }
    return d;
  }

  boolean isZero() {
    return equals(new ConversionCounts());
  }

  /** Owner sales net of refunds. */
  public BigDecimal netOwnerSales() {
    return ownerSales.subtract(refundAmount);
  }

  /** Silent sales net of refunds. */
  public BigDecimal netSilentSales() {
    return silentSales.subtract(silentRefundAmount);
  }

  private static BigDecimal scaled(BigDecimal v, int sign) {
    return sign < 0 ? v.negate() : v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConversionCounts c
        && inquiringBuyers == c.inquiringBuyers
        && orderedBuyers == c.orderedBuyers
        && paidNextDayBuyers == c.paidNextDayBuyers
        && paidInValidityBuyers == c.paidInValidityBuyers
        && ownedOrders == c.ownedOrders
        && assistedOrders == c.assistedOrders
        && assistedFollowUps == c.assistedFollowUps
        && followedUpBuyers == c.followedUpBuyers
        && ownerPaidOrders == c.ownerPaidOrders
        && ownerSales.compareTo(c.ownerSales) == 0
        && ownerPayingBuyers == c.ownerPayingBuyers
        && refundedOrders == c.refundedOrders
        && refundAmount.compareTo(c.refundAmount) == 0
        && silentOrders == c.silentOrders
        && silentPaidOrders == c.silentPaidOrders
        && silentSales.compareTo(c.silentSales) == 0
        && silentRefundedOrders == c.silentRefundedOrders
        && silentRefundAmount.compareTo(c.silentRefundAmount) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(inquiringBuyers, ownedOrders, assistedOrders, silentOrders);
  }

  @Override
  public String toString() {
    return "inquiring="
        + inquiringBuyers
        + " ordered="
        + orderedBuyers
        + " paidNextDay="
        + paidNextDayBuyers
        + " paidInValidity="
        + paidInValidityBuyers
        + " owned="
        + ownedOrders
        + " assisted="
        + assistedOrders
        + " followUps="
        + assistedFollowUps
        + " followedUpBuyers="
        + followedUpBuyers
        + " ownerPaid="
        + ownerPaidOrders
        + " ownerSales="
        + ownerSales
        + " payingBuyers="
        + ownerPayingBuyers
        + " refunded="
        + refundedOrders
        + " refundAmount="
        + refundAmount
        + " silent="
        + silentOrders
        + " silentPaid="
        + silentPaidOrders
        + " silentSales="
        + silentSales
        + " silentRefunded="
        + silentRefundedOrders
        + " silentRefundAmount="
        + silentRefundAmount;
  }
}
