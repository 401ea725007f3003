// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the job knows of one order: when each status happened (the earliest event of a status wins,
 * so duplicates and arrival order do not matter), its amount, and, once no late event can change
 * them any more, its frozen decision and follow-ups. POJO kept in keyed state.
 */
public class OrderTrack {
  public String orderId;
  public BigDecimal amount;
  public String currency;
  public Map<String, Long> statusTimes = new HashMap<>();
  public long lastEventMs;
  public Decision frozenDecision;
  public List<AgentCredit> frozenFollowUps;
  public OrderAttributionFact emitted;

  public OrderTrack() {}

  static OrderTrack of(OrderEvent e) {
    OrderTrack track = new OrderTrack();
    track.orderId = e.getOrderId();
    track.lastEventMs = Long.MIN_VALUE;
    return track;
  }

  /** Folds in one event; false if it was a duplicate that changed nothing. */
  boolean apply(OrderEvent e) {
    long ts = e.getTs().toEpochMilli();
    lastEventMs = Math.max(lastEventMs, ts);
    // The amount the order was created with; before CREATED arrives, whatever came first.
    if (amount == null || e.getStatus() == OrderStatus.CREATED) {
      amount = e.getAmount();
      currency = e.getCurrency();
    }
    Long known = statusTimes.get(e.getStatus().name());
    if (known != null && known <= ts) {
      return false;
    }
    statusTimes.put(e.getStatus().name(), ts);
    return true;
  }

  Long time(OrderStatus status) {
    return statusTimes.get(status.name());
  }

  boolean has(OrderStatus status) {
    return statusTimes.containsKey(status.name());
  }

  /** When the trade closed for follow-ups: completed, cancelled or refunded, whichever first. */
  long closedMs() {
    long closed = Long.MAX_VALUE;
    for (OrderStatus s :
        new OrderStatus[] {OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDED}) {
      Long t = time(s);
      if (t != null) {
        closed = Math.min(closed, t);
      }
    }
    return closed;
  }

  /** The status with the latest time (ties: the later lifecycle step). */
  String latestStatus() {
    OrderStatus latest = null;
    long latestTs = Long.MIN_VALUE;
    for (OrderStatus s : OrderStatus.values()) {
      Long t = time(s);
      if (t != null && t >= latestTs) {
        latest = s;
        latestTs = t;
      }
    }
    return latest == null ? "" : latest.name();
  }
}
