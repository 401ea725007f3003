// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.store;

import io.servicepulse.review.queue.QueueFilter;
import io.servicepulse.review.queue.Tab;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The queue in ClickHouse: the current flags ({@code qa_flags FINAL}, tombstones left out) of the
 * account's shops grouped into one item per message, joined with each message's latest decision
 * ({@code qa_verdicts}, greatest {@code (decided_ms, verdict_id)}) and assignment, then filtered,
 * counted, ordered and paged by the server, so a shop with millions of flags reads one page. Every
 * value is a bound parameter; the SQL text holds only this class's constants.
 *
 * <p>The filters mean what {@link QueueFilter#matches} means (the reference, tested against this
 * query): those on a message's own columns (shop, team, agent, buyer, order's buyers, dates) are
 * also applied before grouping, the rest (category incl. a correction, rule, severity after an
 * override, status, assignee, keyword) after the join. ClickHouse 18.16: one JOIN per SELECT, hence
 * the nesting; no NULLs (a message without a verdict has {@code v_id = ''}).
 */
public final class QueueQuery {

  /** SQL and its parameters, in order. */
  public record Sql(String text, List<Object> params) {}

  /** Who asks: the account's shops; an agent account's agent id, else null. */
  public record Scope(Collection<String> shops, String agentId) {}

  /** A condition over the item's columns, with its parameters. */
  private record Cond(String sql, List<Object> params) {}

  /** The columns {@link ReviewStore} reads, in this order. */
  static final String ITEM_COLUMNS =
      "message_id, shop_id, team_id, agent_id, buyer_id, sender_role, ts_ms, flagged_severity,"
          + " arrayStringConcat(categories, ','), arrayStringConcat(rules, ','), text, v_id,"
          + " v_kind, v_decision, v_severity, v_category, v_comment, v_reviewer, v_appeal,"
          + " v_audit, v_ms, assignee";

  /** Unreviewed first, then severity after any override, then the oldest, then the id. */
  public static final String QUEUE_ORDER =
      "v_id != '', if(v_severity > 0, v_severity, flagged_severity) DESC, ts_ms, message_id";

  public static final String NEWEST_FIRST = "ts_ms DESC, message_id";

  private static final String LATEST = "tuple(decided_ms, verdict_id)";

  private final Scope scope;
  private final List<Cond> perMessage = new ArrayList<>();
  private final List<Cond> perItem = new ArrayList<>();

  private QueueQuery(Scope scope) {
    this.scope = scope;
  }

  /** Every item of the scope, both tabs. */
  public static QueueQuery of(Scope scope) {
    return new QueueQuery(scope);
  }

  /** The items of the scope that pass {@code filter} (all but its tab); dates in {@code zone}. */
  public static QueueQuery of(Scope scope, QueueFilter f, ZoneId zone) {
    QueueQuery q = new QueueQuery(scope);
    if (!f.shop().isEmpty()) {
      q.perMessage("shop_id = ?", f.shop());
    }
    if (!f.team().isEmpty()) {
      q.perMessage("team_id = ?", f.team());
    }
    if (!f.agent().isEmpty()) {
      q.perMessage("agent_id = ?", f.agent());
    }
    if (!f.buyer().isEmpty()) {
      q.perMessage("buyer_id = ?", f.buyer());
    }
    if (!f.order().isEmpty()) {
      if (f.orderBuyers().isEmpty()) {
        q.perMessage("0");
      } else {
        q.perMessage(
            "buyer_id IN (" + marks(f.orderBuyers().size()) + ")", f.orderBuyers().toArray());
      }
    }
    if (f.from() != null) {
      q.perMessage("ts_ms >= ?", f.from().atStartOfDay(zone).toInstant().toEpochMilli());
    }
    if (f.to() != null) {
      q.perMessage("ts_ms < ?", f.to().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
    }
    if (!f.category().isEmpty()) {
      q.perItem("(has(categories, ?) OR v_category = ?)", f.category(), f.category());
    }
    if (!f.rule().isEmpty()) {
      q.perItem("has(rules, ?)", f.rule());
    }
    if (f.severity() > 0) {
      q.perItem("if(v_severity > 0, v_severity, flagged_severity) = ?", (long) f.severity());
    }
    if ("unreviewed".equals(f.status())) {
      q.perItem("v_id = ''");
    } else if ("reviewed".equals(f.status())) {
      q.perItem("v_id != ''");
    }
    if (!f.assignee().isEmpty()) {
      q.perItem("assignee = ?", f.assignee());
    }
    if (!f.keyword().isEmpty()) {
      q.perItem("positionCaseInsensitiveUTF8(text, ?) > 0", f.keyword());
    }
    return q;
  }

  /** Only the items of {@code tab}. */
  public QueueQuery inTab(Tab tab) {
    perMessage(tabCondition(tab));
    return this;
  }

  /** Only items whose own columns satisfy {@code sql} (a constant of the caller's code). */
  public QueueQuery where(String sql, Object... params) {
    perMessage(sql, params);
    return this;
  }

  /** Only items whose latest decision satisfies {@code sql} (a constant of the caller's code). */
  public QueueQuery whereDecided(String sql, Object... params) {
    perItem(sql, params);
    return this;
  }

  /** One page of the items, in {@code order} (a constant of this class). */
  Sql items(String order, long offset, long limit) {
    List<Object> params = new ArrayList<>();
    String source = source(perMessage, params);
    String where = joined(perItem, params);
    params.add(offset);
    params.add(limit);
    return new Sql(
        "SELECT "
            + ITEM_COLUMNS
            + " FROM ("
            + source
            + ")"
            + (where.isEmpty() ? "" : " WHERE " + where)
            + " ORDER BY "
            + order
            + " LIMIT ?, ?",
        params);
  }

  /**
   * Three counts for a queue page of {@code tab}: the tab's items, those passing the filters, and
   * the other tab's items (the scope's, unfiltered).
   */
  Sql counts(Tab tab) {
    List<Cond> all = new ArrayList<>(perMessage);
    all.addAll(perItem);
    // Parameters in the order of their marks: the filters' (in the counts), then the source's.
    List<Object> params = new ArrayList<>();
    String filters = joined(all, params);
    String source = source(List.of(), params);
    String tabCondition = tabCondition(tab);
    return new Sql(
        "SELECT countIf("
            + tabCondition
            + "), countIf("
            + tabCondition
            + (filters.isEmpty() ? "" : " AND " + filters)
            + "), countIf(NOT ("
            + tabCondition
            + ")) FROM ("
            + source
            + ")",
        params);
  }

  private static String tabCondition(Tab tab) {
    return tab == Tab.BUYER_ABUSE ? "sender_role = 'BUYER'" : "sender_role != 'BUYER'";
  }

  /** Items of the scope: flags grouped per message, latest verdict, assignment. */
  private String source(List<Cond> pushed, List<Object> params) {
    // Grouped by message id alone (a message's own columns are the same on each of its rows):
    // any() under other names, renamed back outside, is ~2x faster than grouping by them all.
    StringBuilder flags =
        new StringBuilder(
            "SELECT message_id, i_shop AS shop_id, i_team AS team_id, i_agent AS agent_id,"
                + " i_buyer AS buyer_id, i_role AS sender_role, i_ts AS ts_ms, flagged_severity,"
                + " categories, rules, text FROM (SELECT message_id, any(shop_id) AS i_shop,"
                + " any(team_id) AS i_team, any(agent_id) AS i_agent, any(buyer_id) AS i_buyer,"
                + " any(sender_role) AS i_role, any(ts_ms) AS i_ts,"
                + " max(severity) AS flagged_severity, groupUniqArray(category) AS categories,"
                + " groupArray(rule_id) AS rules, any(masked_text) AS text"
                + " FROM qa_flags FINAL WHERE retracted = 0 AND shop_id IN (");
    flags.append(marks(scope.shops().size())).append(')');
    params.addAll(scope.shops());
    if (scope.agentId() != null) {
      flags.append(" AND agent_id = ?");
      params.add(scope.agentId());
    }
    String pushedSql = joined(pushed, params);
    if (!pushedSql.isEmpty()) {
      flags.append(" AND ").append(pushedSql);
    }
    flags.append(" GROUP BY message_id)");
    String verdicts =
        "SELECT message_id, argMax(verdict_id, "
            + LATEST
            + ") AS v_id, argMax(kind, "
            + LATEST
            + ") AS v_kind, argMax(decision, "
            + LATEST
            + ") AS v_decision, argMax(severity_override, "
            + LATEST
            + ") AS v_severity, argMax(category_correction, "
            + LATEST
            + ") AS v_category, argMax(comment, "
            + LATEST
            + ") AS v_comment, argMax(reviewer, "
            + LATEST
            + ") AS v_reviewer, argMax(appeal_id, "
            + LATEST
            + ") AS v_appeal, argMax(audit, "
            + LATEST
            + ") AS v_audit, max(decided_ms) AS v_ms FROM qa_verdicts FINAL WHERE shop_id IN ("
            + marks(scope.shops().size())
            + ") GROUP BY message_id";
    params.addAll(scope.shops());
    String assignments =
        "SELECT message_id, assignee FROM qa_assignments FINAL WHERE shop_id IN ("
            + marks(scope.shops().size())
            + ")";
    params.addAll(scope.shops());
    return "SELECT * FROM (SELECT * FROM ("
        + flags
        + ") ANY LEFT JOIN ("
        + verdicts
        + ") USING message_id) ANY LEFT JOIN ("
        + assignments
        + ") USING message_id";
  }

  private void perMessage(String sql, Object... params) {
    perMessage.add(new Cond(sql, List.of(params)));
  }

  private void perItem(String sql, Object... params) {
    perItem.add(new Cond(sql, List.of(params)));
  }

  private static String joined(List<Cond> conds, List<Object> params) {
    List<String> parts = new ArrayList<>();
    for (Cond c : conds) {
      parts.add(c.sql());
      params.addAll(c.params());
    }
    return String.join(" AND ", parts);
  }

  static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
