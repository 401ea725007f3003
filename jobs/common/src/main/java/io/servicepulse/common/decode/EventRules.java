// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.events.AfterSalesCosts;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.AgentEventKind;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.SenderRole;
import io.servicepulse.events.ServiceFeedback;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

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
  public static final String RATING_OUT_OF_RANGE = "rating out of range";
  public static final String TOO_MANY_DIMENSIONS = "too many dimensions";
  public static final String NEGATIVE_REVISION = "negative revision";
  public static final String REASON_TOO_LONG = "reason too long";
  public static final String NEGATIVE_COST = "missing or negative cost";
  public static final String STATUS_WITHOUT_STATUS = "STATUS event without status";
  public static final String TRANSFER_WITHOUT_BUYER = "TRANSFER without buyer_id";
  public static final String TRANSFER_WITHOUT_TARGET = "TRANSFER without to_agent_id";
  public static final String TRANSFER_TO_SELF = "TRANSFER to the same agent";

  /** Lowest and highest rating and DSR score (platforms rate 1 to 5 stars). */
  public static final int MIN_RATING = 1;

  public static final int MAX_RATING = 5;

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
    if (!fitsDecimal18x2(o.getAmount())) {
      return new Violation(
          AMOUNT_OUT_OF_RANGE,
          "amount " + o.getAmount().toPlainString() + " does not fit Decimal(18, 2)");
    }
    return time(o.getTs(), limits, nowMs);
  }

  /**
   * Why this rating or review is unusable, or null: ids, required ids, a rating and DSR scores of 1
   * to 5, at most {@link EventLimits#MAX_DIMENSIONS} dimensions, a revision of 0 or more, ts.
   */
  public static Violation violation(ServiceFeedback f, EventLimits limits, long nowMs) {
    Violation v =
        ids(
            "event_id",
            f.getEventId(),
            "feedback_id",
            f.getFeedbackId(),
            "platform",
            f.getPlatform(),
            "shop_id",
            f.getShopId(),
            "buyer_id",
            f.getBuyerId(),
            "agent_id",
            f.getAgentId(),
            "order_id",
            f.getOrderId());
    if (v != null) {
      return v;
    }
    v =
        required(
            "event_id", f.getEventId(),
            "feedback_id", f.getFeedbackId(),
            "shop_id", f.getShopId(),
            "buyer_id", f.getBuyerId());
    if (v != null) {
      return v;
    }
    if (!isRating(f.getRating())) {
      return new Violation(
          RATING_OUT_OF_RANGE,
          "rating " + f.getRating() + " is not " + MIN_RATING + " to " + MAX_RATING);
    }
    Map<String, Integer> dimensions = f.getDimensions();
    if (dimensions != null) {
      if (dimensions.size() > EventLimits.MAX_DIMENSIONS) {
        return new Violation(
            TOO_MANY_DIMENSIONS,
            dimensions.size() + " dimensions, more than " + EventLimits.MAX_DIMENSIONS);
      }
      for (Map.Entry<String, Integer> d : dimensions.entrySet()) {
        v = ids("dimension", d.getKey());
        if (v != null) {
          return v;
        }
        if (blank(d.getKey())) {
          return simple("blank dimension name");
        }
        if (d.getValue() == null || !isRating(d.getValue())) {
          return new Violation(
              RATING_OUT_OF_RANGE,
              "dimension "
                  + d.getKey()
                  + " score "
                  + d.getValue()
                  + " is not "
                  + MIN_RATING
                  + " to "
                  + MAX_RATING);
        }
      }
    }
    if (f.getRevision() < 0) {
      return new Violation(NEGATIVE_REVISION, "revision " + f.getRevision() + " is negative");
    }
    return time(f.getTs(), limits, nowMs);
  }

  /**
   * Why this after-sales status change is unusable, or null: ids, required ids, a reason of at most
   * {@link EventLimits#MAX_ID_CHARS} characters, four costs of 0 or more that fit Decimal(18, 2),
   * ts.
   */
  public static Violation violation(AfterSalesEvent a, EventLimits limits, long nowMs) {
    Violation v =
        ids(
            "event_id",
            a.getEventId(),
            "case_id",
            a.getCaseId(),
            "order_id",
            a.getOrderId(),
            "shop_id",
            a.getShopId(),
            "buyer_id",
            a.getBuyerId(),
            "agent_id",
            a.getAgentId(),
            "currency",
            a.getCurrency());
    if (v != null) {
      return v;
    }
    v =
        required(
            "event_id", a.getEventId(),
            "case_id", a.getCaseId(),
            "order_id", a.getOrderId(),
            "shop_id", a.getShopId(),
            "buyer_id", a.getBuyerId());
    if (v != null) {
      return v;
    }
    if (a.getReason() != null && a.getReason().length() > EventLimits.MAX_ID_CHARS) {
      return new Violation(
          REASON_TOO_LONG,
          "reason of "
              + a.getReason().length()
              + " characters is longer than "
              + EventLimits.MAX_ID_CHARS);
    }
    AfterSalesCosts costs = a.getCosts();
    if (costs == null) {
      return simple("missing costs");
    }
    v = cost("cashback", costs.getCashback());
    if (v == null) {
      v = cost("reship", costs.getReship());
    }
    if (v == null) {
      v = cost("refund_only", costs.getRefundOnly());
    }
    if (v == null) {
      v = cost("deposit", costs.getDeposit());
    }
    if (v != null) {
      return v;
    }
    return time(a.getTs(), limits, nowMs);
  }

  /**
   * Why this agent event is unusable, or null: ids, required ids, a STATUS with its status, a
   * TRANSFER with its buyer and another agent to go to, ts.
   */
  public static Violation violation(AgentEvent e, EventLimits limits, long nowMs) {
    Violation v =
        ids(
            "event_id",
            e.getEventId(),
            "shop_id",
            e.getShopId(),
            "team_id",
            e.getTeamId(),
            "agent_id",
            e.getAgentId(),
            "buyer_id",
            e.getBuyerId(),
            "to_agent_id",
            e.getToAgentId());
    if (v != null) {
      return v;
    }
    v = required("event_id", e.getEventId(), "shop_id", e.getShopId(), "agent_id", e.getAgentId());
    if (v != null) {
      return v;
    }
    if (e.getKind() == AgentEventKind.STATUS && e.getStatus() == null) {
      return simple(STATUS_WITHOUT_STATUS);
    }
    if (e.getKind() == AgentEventKind.TRANSFER) {
      if (blank(e.getBuyerId())) {
        return simple(TRANSFER_WITHOUT_BUYER);
      }
      if (blank(e.getToAgentId())) {
        return simple(TRANSFER_WITHOUT_TARGET);
      }
      if (e.getToAgentId().equals(e.getAgentId())) {
        return new Violation(
            TRANSFER_TO_SELF, "agent " + e.getAgentId() + " transfers a buyer to itself");
      }
    }
    return time(e.getTs(), limits, nowMs);
  }

  private static boolean isRating(int score) {
    return score >= MIN_RATING && score <= MAX_RATING;
  }

  private static Violation cost(String name, BigDecimal amount) {
    if (amount == null || amount.signum() < 0) {
      return new Violation(
          NEGATIVE_COST,
          "costs." + name + " " + (amount == null ? "missing" : amount.toPlainString()));
    }
    if (!fitsDecimal18x2(amount)) {
      return new Violation(
          AMOUNT_OUT_OF_RANGE,
          "costs." + name + " " + amount.toPlainString() + " does not fit Decimal(18, 2)");
    }
    return null;
  }

  private static boolean fitsDecimal18x2(BigDecimal amount) {
    return amount.abs().compareTo(AMOUNT_LIMIT) < 0 && amount.scale() <= 2;
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
