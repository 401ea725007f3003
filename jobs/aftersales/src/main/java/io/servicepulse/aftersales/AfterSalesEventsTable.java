// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.events.AfterSalesCosts;
import io.servicepulse.events.AfterSalesEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows of {@code after_sales_events} (schemas/clickhouse/051_after_sales_events.sql): one per
 * status change of an after-sales case, with the payouts made with it.
 */
public final class AfterSalesEventsTable implements ClickHouseTable<AfterSalesEvent> {

  /**
   * Per group of rows (read with FINAL): the ground truth's {@code CaseCosts.figures()}, "cashback
   * reship refundOnly deposit".
   */
  public static final String COSTS_SQL =
      "concat(toString(sum(cost_cashback)), ' ', toString(sum(cost_reship)), ' ',"
          + " toString(sum(cost_refund_only)), ' ', toString(sum(cost_deposit)))";

  @Override
  public String name() {
    return "after_sales_events";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "event_id",
        "case_id",
        "order_id",
        "shop_id",
        "buyer_id",
        "agent_id",
        "type",
        "reason",
        "status",
        "cost_cashback",
        "cost_reship",
        "cost_refund_only",
        "cost_deposit",
        "currency",
        "ts_ms",
        "kafka_ts_ms",
        "ingested_ms");
  }

  @Override
  public void bind(PreparedStatement st, AfterSalesEvent a, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    AfterSalesCosts costs = a.getCosts();
    st.setString(1, a.getEventId());
    st.setString(2, a.getCaseId());
    st.setString(3, a.getOrderId());
    st.setString(4, a.getShopId());
    st.setString(5, a.getBuyerId());
    st.setString(6, Rows.orEmpty(a.getAgentId()));
    st.setString(7, a.getType().name());
    st.setString(8, a.getReason());
    st.setString(9, a.getStatus().name());
    st.setBigDecimal(10, costs.getCashback());
    st.setBigDecimal(11, costs.getReship());
    st.setBigDecimal(12, costs.getRefundOnly());
    st.setBigDecimal(13, costs.getDeposit());
    st.setString(14, a.getCurrency());
    st.setLong(15, a.getTs().toEpochMilli());
    st.setLong(16, recordTimestamp);
    st.setLong(17, insertTimeMs);
  }

  @Override
  public String idOf(AfterSalesEvent row) {
    return row.getEventId();
  }
}
