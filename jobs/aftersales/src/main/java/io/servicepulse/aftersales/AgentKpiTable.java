// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import io.servicepulse.aftersales.kpi.KpiCounts;
import io.servicepulse.aftersales.kpi.KpiRow;
import io.servicepulse.common.clickhouse.ClickHouseTable;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Rows of {@code agent_kpi_daily} (schemas/clickhouse/054_agent_kpi_daily.sql): one per (shop,
 * agent, day), upserted by version.
 */
public final class AgentKpiTable implements ClickHouseTable<KpiRow> {

  /** The columns of {@link KpiCounts#groups()}, group by group. */
  static final List<List<String>> FIGURE_COLUMNS =
      List.of(
          List.of(
              "service_ratings",
              "product_reviews",
              "bad",
              "middling",
              "good",
              "agent_responsible",
              "invited",
              "modified",
              "bad_or_middling_first",
              "modified_to_good"),
          List.of(
              "cases",
              "agreed",
              "rejected",
              "escalated",
              "closed",
              "paid_cases",
              "handling_ms",
              "cost_cashback",
              "cost_reship",
              "cost_refund_only",
              "cost_deposit"),
          List.of("transfers_out", "transfers_in", "online_ms", "busy_ms", "away_ms"));

  /**
   * Per group of rows (read with FINAL): {@link KpiCounts#figures()}, as the ground truth's {@code
   * kpiByAgentDay} writes them.
   */
  public static final String FIGURES_SQL =
      "concat("
          + FIGURE_COLUMNS.stream()
              .map(g -> g.stream().map(c -> "toString(sum(" + c + "))").toList())
              .map(g -> String.join(", ' ', ", g))
              .collect(Collectors.joining(", ' | ', "))
          + ")";

  /**
   * "shop/team/day" and {@link #FIGURES_SQL} per team and shop-local day: the agents' rows summed
   * by the team their agent events name (view {@code agent_teams}; '' for agents without any).
   */
  public static final String TEAM_FIGURES_SQL =
      "SELECT concat(shop_id, '/', team_id, '/', toString(day)), "
          + FIGURES_SQL
          // Aliases: ClickHouse 20+ requires them on joined subqueries.
          + " FROM (SELECT * FROM agent_kpi_daily FINAL) AS k"
          + " ANY LEFT JOIN (SELECT shop_id, agent_id, team_id FROM agent_teams) AS t"
          + " USING (shop_id, agent_id) GROUP BY shop_id, team_id, day";

  /**
   * Per shop over all days read (a month is its days' sum): the rates of the README's metric
   * catalogue — 客服责任差评率 %, 中差评修改成功率 %, 满意率 %, 人均售后成本 per paid case and per after-sales agent,
   * average handling hours, 纠纷/投诉 — as text columns for the demo summary.
   */
  public static final String SHOP_SUMMARY_SQL =
      "SELECT shop_id,"
          + " concat(toString(round(100 * sum(agent_responsible) / greatest(sum(cases), 1), 1)),"
          + " '%'),"
          + " concat(toString(round(100 * sum(modified_to_good)"
          + " / greatest(sum(bad_or_middling_first), 1), 1)), '%'),"
          + " concat(toString(round(100 * sum(good)"
          + " / greatest(sum(service_ratings) + sum(product_reviews), 1), 1)), '%'),"
          + " toString(round(toFloat64(sum(cost_cashback) + sum(cost_reship)"
          + " + sum(cost_refund_only) + sum(cost_deposit)) / greatest(sum(paid_cases), 1), 2)),"
          + " toString(round(toFloat64(sum(cost_cashback) + sum(cost_reship)"
          + " + sum(cost_refund_only) + sum(cost_deposit))"
          + " / greatest(uniqExactIf(agent_id, cases > 0), 1), 2)),"
          + " toString(round(sum(handling_ms) / greatest(sum(closed), 1) / 3600000, 1)),"
          + " toString(sum(escalated))"
          + " FROM agent_kpi_daily FINAL GROUP BY shop_id ORDER BY shop_id";

  /** The columns of {@link #SHOP_SUMMARY_SQL}, Chinese first. */
  public static final List<String> SHOP_SUMMARY_HEADER =
      List.of(
          "店铺 shop",
          "客服责任差评率",
          "中差评修改成功率",
          "满意率",
          "人均售后成本/单 per paid case",
          "人均售后成本/人 per agent",
          "平均处理时长 h",
          "纠纷/投诉");

  @Override
  public String name() {
    return "agent_kpi_daily";
  }

  @Override
  public List<String> columns() {
    List<String> columns = new ArrayList<>(List.of("shop_id", "agent_id", "day"));
    FIGURE_COLUMNS.forEach(columns::addAll);
    columns.addAll(List.of("version", "inserted_ms"));
    return columns;
  }

  @Override
  public void bind(PreparedStatement st, KpiRow r, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, r.shopId);
    st.setString(2, r.agentId);
    st.setObject(3, r.date());
    int i = 4;
    for (List<Object> group : r.counts.groups()) {
      for (Object figure : group) {
        if (figure instanceof BigDecimal amount) {
          st.setBigDecimal(i++, amount);
        } else {
          st.setLong(i++, (Long) figure);
        }
      }
    }
    st.setLong(i++, r.version);
    st.setLong(i, insertTimeMs);
  }

  @Override
  public String idOf(KpiRow row) {
    return row.rowKey() + " v" + row.version;
  }
}
