// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows of {@code agent_conversion_daily} (schemas/clickhouse/022_agent_conversion_daily.sql;
 * followed_up_buyers added by 058).
 */
public final class AgentConversionTable implements ClickHouseTable<ConversionRow> {

  @Override
  public String name() {
    return "agent_conversion_daily";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "shop_id",
        "team_id",
        "agent_id",
        "day",
        "inquiring_buyers",
        "ordered_buyers",
        "paid_next_day_buyers",
        "paid_in_validity_buyers",
        "owned_orders",
        "assisted_orders",
        "assisted_follow_ups",
        "owner_paid_orders",
        "owner_sales",
        "owner_paying_buyers",
        "refunded_orders",
        "refund_amount",
        "followed_up_buyers",
        "version",
        "inserted_ms");
  }

  @Override
  public void bind(PreparedStatement st, ConversionRow r, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    ConversionCounts c = r.counts;
    st.setString(1, r.shopId);
    st.setString(2, r.teamId);
    st.setString(3, r.agentId);
    st.setObject(4, r.date());
    st.setLong(5, c.inquiringBuyers);
    st.setLong(6, c.orderedBuyers);
    st.setLong(7, c.paidNextDayBuyers);
    st.setLong(8, c.paidInValidityBuyers);
    st.setLong(9, c.ownedOrders);
    st.setLong(10, c.assistedOrders);
    st.setLong(11, c.assistedFollowUps);
    st.setLong(12, c.ownerPaidOrders);
    st.setBigDecimal(13, c.ownerSales);
    st.setLong(14, c.ownerPayingBuyers);
    st.setLong(15, c.refundedOrders);
    st.setBigDecimal(16, c.refundAmount);
    st.setLong(17, c.followedUpBuyers);
    st.setLong(18, r.version);
    st.setLong(19, insertTimeMs);
  }

  @Override
  public String idOf(ConversionRow row) {
    return row.rowKey() + " v" + row.version;
  }
}
