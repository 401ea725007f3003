// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Rows of {@code shop_silent_daily} (schemas/clickhouse/023_shop_silent_daily.sql). */
public final class ShopSilentTable implements ClickHouseTable<ConversionRow> {

  @Override
  public String name() {
    return "shop_silent_daily";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "shop_id",
        "day",
        "silent_orders",
        "silent_paid_orders",
        "silent_sales",
        "silent_refunded_orders",
        "silent_refund_amount",
        "version",
        "inserted_ms");
  }

  @Override
  public void bind(PreparedStatement st, ConversionRow r, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    ConversionCounts c = r.counts;
    st.setString(1, r.shopId);
    st.setObject(2, r.date());
    st.setLong(3, c.silentOrders);
    st.setLong(4, c.silentPaidOrders);
    st.setBigDecimal(5, c.silentSales);
    st.setLong(6, c.silentRefundedOrders);
    st.setBigDecimal(7, c.silentRefundAmount);
    st.setLong(8, r.version);
    st.setLong(9, insertTimeMs);
  }

  @Override
  public String idOf(ConversionRow row) {
    return row.rowKey() + " v" + row.version;
  }
}
