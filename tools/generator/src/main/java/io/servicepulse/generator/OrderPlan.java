// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.OrderStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * One order's lifecycle as the scenario decided it: the time of each status that happened within
 * the scenario (a status absent from the map never happened). Refunds are always full refunds.
 */
final class OrderPlan {

  final int number;
  final long amountCents;
  final int refundReasonText;
  private final Map<OrderStatus, Long> times = new EnumMap<>(OrderStatus.class);

  OrderPlan(int number, long amountCents, int refundReasonText) {
    this.number = number;
    this.amountCents = amountCents;
    this.refundReasonText = refundReasonText;
  }

  OrderPlan at(OrderStatus status, long ts) {
    times.put(status, ts);
    return this;
  }

  boolean has(OrderStatus status) {
    return times.containsKey(status);
  }

  long time(OrderStatus status) {
    Long ts = times.get(status);
    if (ts == null) {
      throw new IllegalStateException("order " + number + " has no " + status);
    }
    return ts;
  }

  long created() {
    return time(OrderStatus.CREATED);
  }

  Map<OrderStatus, Long> times() {
    return times;
  }

  boolean paid() {
    return has(OrderStatus.PAID);
  }

  boolean refunded() {
    return has(OrderStatus.REFUNDED);
  }

  /** Paid amount net of refunds: what the order contributes to sales. */
  long netSalesCents() {
    return paid() && !refunded() ? amountCents : 0;
  }

  /**
   * End of the follow-up window: the follow-up window after creation, cut short when the trade
   * closes (COMPLETED, CANCELLED or REFUNDED, whichever comes first).
   */
  long followUpEnd(MetricRules rules) {
    long end = created() + rules.followUpWindowMs();
    for (OrderStatus closing :
        new OrderStatus[] {OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDED}) {
      if (has(closing)) {
        end = Math.min(end, time(closing));
      }
    }
    return end;
  }
}
