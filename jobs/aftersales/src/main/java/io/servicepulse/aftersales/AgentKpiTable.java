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
