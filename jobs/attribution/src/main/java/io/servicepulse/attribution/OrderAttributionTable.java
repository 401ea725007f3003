// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Rows of {@code order_attribution} (schemas/clickhouse/020_order_attribution.sql). */
public final class OrderAttributionTable implements ClickHouseTable<OrderAttributionFact> {

  @Override
  public String name() {
    return "order_attribution";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "shop_id",
        "order_id",
        "buyer_id",
        "rule",
        "decided",
        "silent",
        "decision_ms",
        "owner_agent_id",
        "owner_team_id",
        "assist_agent_ids",
        "follow_up_agent_ids",
        "amount",
        "currency",
        "status",
        "created_ms",
        "paid_ms",
        "refunded_ms",
        "closed_ms",
        "version",
        "inserted_ms");
  }

  @Override
  public void bind(
      PreparedStatement st, OrderAttributionFact f, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, f.shopId);
    st.setString(2, f.orderId);
    st.setString(3, f.buyerId);
    st.setString(4, f.rule);
    st.setByte(5, (byte) (f.decided ? 1 : 0));
    st.setByte(6, (byte) (f.silent ? 1 : 0));
    st.setLong(7, f.decisionMs);
    st.setString(8, f.ownerAgentId);
    st.setString(9, f.ownerTeamId);
    st.setArray(10, StringArrays.of(st, f.assistAgentIds));
    st.setArray(11, StringArrays.of(st, f.followUpAgentIds));
    st.setBigDecimal(12, f.amount);
    st.setString(13, f.currency);
    st.setString(14, f.status);
    st.setLong(15, f.createdMs);
    st.setLong(16, f.paidMs);
    st.setLong(17, f.refundedMs);
    st.setLong(18, f.closedMs);
    st.setLong(19, f.version);
    st.setLong(20, insertTimeMs);
  }

  @Override
  public String idOf(OrderAttributionFact row) {
    return row.shopId + "/" + row.orderId + " v" + row.version;
  }
}
