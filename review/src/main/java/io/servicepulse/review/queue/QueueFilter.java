// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the queue page shows: a tab, and optional filters (blank = any). Dates are shop-local days,
 * inclusive. {@code status} is "unreviewed", "reviewed" or "" for both. {@code keyword} matches the
 * (masked) message text, case-insensitively. {@code order} keeps the messages of the buyers of that
 * order id, {@code orderBuyers}, which the caller looks up ({@link #withOrderBuyers}).
 */
public record QueueFilter(
    Tab tab,
    String shop,
    String team,
    String agent,
    String category,
    String rule,
    int severity,
    LocalDate from,
    LocalDate to,
    String status,
    String assignee,
    String buyer,
    String keyword,
    String order,
    Set<String> orderBuyers) {

  /** The filter of the queue page's query parameters; unparseable values count as absent. */
  public static QueueFilter fromParams(Map<String, String> params) {
    return new QueueFilter(
        Tab.parse(params.get("tab")),
        param(params, "shop"),
        param(params, "team"),
        param(params, "agent"),
        param(params, "category"),
        param(params, "rule"),
        severity(param(params, "severity")),
        date(param(params, "from")),
        date(param(params, "to")),
        param(params, "status"),
        param(params, "assignee"),
        param(params, "buyer"),
        param(params, "q"),
        param(params, "order"),
        Set.of());
  }

  /** This filter with the buyers of its order id. */
  public QueueFilter withOrderBuyers(Set<String> buyers) {
    return new QueueFilter(
        tab,
        shop,
        team,
        agent,
        category,
        rule,
        severity,
        from,
        to,
        status,
        assignee,
        buyer,
        keyword,
        order,
        Set.copyOf(buyers));
  }

  /** Does {@code item} pass every filter but the tab? */
  public boolean matches(QueueItem item, ZoneId zone) {
    if (!shop.isEmpty() && !shop.equals(item.shopId())) {
      return false;
    }
    if (!team.isEmpty() && !team.equals(item.teamId())) {
      return false;
    }
    if (!agent.isEmpty() && !agent.equals(item.agentId())) {
      return false;
    }
    if (!category.isEmpty()
        && !item.categories().contains(category)
        && !item.effectiveCategories().contains(category)) {
      return false;
    }
    if (!rule.isEmpty() && !item.rules().contains(rule)) {
      return false;
    }
    if (severity > 0 && item.severity() != severity) {
      return false;
    }
    LocalDate day = Instant.ofEpochMilli(item.tsMs()).atZone(zone).toLocalDate();
    if (from != null && day.isBefore(from)) {
      return false;
    }
    if (to != null && day.isAfter(to)) {
      return false;
    }
    if ("unreviewed".equals(status) && item.reviewed()) {
      return false;
    }
    if ("reviewed".equals(status) && !item.reviewed()) {
      return false;
    }
    if (!assignee.isEmpty() && !assignee.equals(item.assignee())) {
      return false;
    }
    if (!buyer.isEmpty() && !buyer.equals(item.buyerId())) {
      return false;
    }
    if (!order.isEmpty() && !orderBuyers.contains(item.buyerId())) {
      return false;
    }
    return keyword.isEmpty()
        || item.maskedText().toLowerCase(Locale.ROOT).contains(keyword.toLowerCase(Locale.ROOT));
  }

  private static String param(Map<String, String> params, String name) {
    String value = params.get(name);
    return value == null ? "" : value.strip();
  }

  private static int severity(String value) {
    return switch (value) {
      case "1" -> 1;
      case "2" -> 2;
      case "3" -> 3;
      default -> 0;
    };
  }

  private static LocalDate date(String value) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
