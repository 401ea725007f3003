package io.servicepulse.common.decode;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.SenderRole;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Rules of the event model that Avro types cannot express, and the {@link EventLimits} every
 * operator and sink downstream relies on. An event that breaks one is dead-lettered with stage
 * 'invalid' instead of skewing metrics (e.g. an agent reply without an agent cannot be credited to
 * anyone) or failing a job later (an amount Decimal(18, 2) cannot hold). A violation is the reason
 * (stable, for counting) and a detail.
 */
public final class EventRules {

  public static final String TS_AHEAD = "ts ahead of clock";
  public static final String TS_BEFORE_FLOOR = "ts before floor";
  public static final String TEXT_TOO_LONG = "text too long";
  public static final String ID_TOO_LONG = "id too long";
  public static final String AMOUNT_OUT_OF_RANGE = "amount out of range";
  public static final String INVALID_UTF8 = "invalid UTF-8";

  private static final BigDecimal AMOUNT_LIMIT =
      BigDecimal.TEN.pow(EventLimits.MAX_AMOUNT_INTEGER_DIGITS);

  /** Why an event is unusable: a stable reason and a detail naming the value. */
  public record Violation(String reason, String detail) {}

  private EventRules() {}

  /** Why this message is unusable, or null if it is fine; {@code nowMs} is the reading clock. */
  public static Violation violation(ChatMessage m, EventLimits limits, long nowMs) {
    Violation v =
        ids(
            "event_id",
            m.getEventId(),
            "shop_id",
            m.getShopId(),
            "buyer_id",
            m.getBuyerId(),
            "agent_id",
            m.getAgentId(),
            "team_id",
            m.getTeamId(),
            "conversation_id",
            m.getConversationId(),
            "platform",
            m.getPlatform());
    if (v != null) {
      return v;
    }
    v = required("event_id", m.getEventId(), "shop_id", m.getShopId(), "buyer_id", m.getBuyerId());
    if (v != null) {
      return v;
    }
    if (m.getSenderRole() == SenderRole.AGENT && blank(m.getAgentId())) {
      return simple("AGENT message without agent_id");
    }
    v = time(m.getTs(), limits, nowMs);
    if (v != null) {
      return v;
    }
    return text(m.getText(), limits);
  }

  /** Why this order event is unusable, or null if it is fine. */
  public static Violation violation(OrderEvent o, EventLimits limits, long nowMs) {
    Violation v =
        ids(
            "event_id",
            o.getEventId(),
            "order_id",
            o.getOrderId(),
            "shop_id",
            o.getShopId(),
            "buyer_id",
            o.getBuyerId(),
            "currency",
            o.getCurrency());
    if (v != null) {
      return v;
    }
    v =
        required(
            "event_id", o.getEventId(),
            "order_id", o.getOrderId(),
            "shop_id", o.getShopId(),
            "buyer_id", o.getBuyerId());
    if (v != null) {
      return v;
    }
    if (o.getAmount() == null || o.getAmount().signum() < 0) {
      return simple("missing or negative amount");
    }
    if (o.getAmount().abs().compareTo(AMOUNT_LIMIT) >= 0 || o.getAmount().scale() > 2) {
      return new Violation(
          AMOUNT_OUT_OF_RANGE,
          "amount " + o.getAmount().toPlainString() + " does not fit Decimal(18, 2)");
    }
    return time(o.getTs(), limits, nowMs);
  }

  private static Violation time(Instant ts, EventLimits limits, long nowMs) {
    if (ts == null || ts.toEpochMilli() <= 0) {
      return simple("missing or non-positive ts");
    }
    long ms = ts.toEpochMilli();
    if (ms < limits.earliestMs()) {
      return new Violation(
          TS_BEFORE_FLOOR,
          "ts " + ts + " is before events.earliest " + Instant.ofEpochMilli(limits.earliestMs()));
    }
    if (ms > nowMs + limits.maxAheadMs()) {
      return new Violation(
          TS_AHEAD,
          "ts "
              + ts
              + " is more than events.max-ahead ("
              + limits.maxAheadMs()
              + " ms) ahead of the clock "
              + Instant.ofEpochMilli(nowMs));
    }
    return null;
  }

  private static Violation text(String text, EventLimits limits) {
    // A char is at most 3 UTF-8 bytes: count exactly only when the text might be too long.
    if (text == null || (long) text.length() * 3 <= limits.maxTextBytes()) {
      return null;
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxTextBytes()) {
      return new Violation(
          TEXT_TOO_LONG,
          "text of "
              + bytes
              + " UTF-8 bytes is longer than events.max-text-bytes "
              + limits.maxTextBytes());
    }
    return null;
  }

  private static Violation ids(String... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String value = namesAndValues[i + 1];
      if (value != null && value.length() > EventLimits.MAX_ID_CHARS) {
        return new Violation(
            ID_TOO_LONG,
            namesAndValues[i]
                + " of "
                + value.length()
                + " characters is longer than "
                + EventLimits.MAX_ID_CHARS);
      }
    }
    return null;
  }

  /** "missing <name>" for the first blank of these name, value pairs, or null. */
  private static Violation required(String... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (blank(namesAndValues[i + 1])) {
        return simple("missing " + namesAndValues[i]);
      }
    }
    return null;
  }

  private static Violation simple(String reason) {
    return new Violation(reason, reason);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
