package io.servicepulse.common.decode;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.SenderRole;

/**
 * Rules of the event model that Avro types cannot express. An event that breaks one is
 * dead-lettered with stage 'invalid' instead of skewing metrics (e.g. an agent reply without an
 * agent cannot be credited to anyone).
 */
public final class EventRules {

  private EventRules() {}

  /** Why this message is unusable, or null if it is fine. */
  public static String violation(ChatMessage m) {
    if (blank(m.getEventId())) {
      return "missing event_id";
    }
    if (blank(m.getShopId())) {
      return "missing shop_id";
    }
    if (blank(m.getBuyerId())) {
      return "missing buyer_id";
    }
    if (m.getSenderRole() == SenderRole.AGENT && blank(m.getAgentId())) {
      return "AGENT message without agent_id";
    }
    if (m.getTs() == null || m.getTs().toEpochMilli() <= 0) {
      return "missing or non-positive ts";
    }
    return null;
  }

  /** Why this order event is unusable, or null if it is fine. */
  public static String violation(OrderEvent o) {
    if (blank(o.getEventId())) {
      return "missing event_id";
    }
    if (blank(o.getOrderId())) {
      return "missing order_id";
    }
    if (blank(o.getShopId())) {
      return "missing shop_id";
    }
    if (blank(o.getBuyerId())) {
      return "missing buyer_id";
    }
    if (o.getAmount() == null || o.getAmount().signum() < 0) {
      return "missing or negative amount";
    }
    if (o.getTs() == null || o.getTs().toEpochMilli() <= 0) {
      return "missing or non-positive ts";
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
