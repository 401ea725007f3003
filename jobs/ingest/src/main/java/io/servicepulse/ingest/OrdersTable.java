// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.ingest;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.events.OrderEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Rows of {@code orders} (schemas/clickhouse/002_orders.sql): one per order status change. */
public final class OrdersTable implements ClickHouseTable<OrderEvent> {

  @Override
  public String name() {
    return "orders";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "event_id",
        "order_id",
        "shop_id",
        "buyer_id",
        "status",
        "amount",
        "currency",
        "refund_reason",
        "ts_ms",
        "kafka_ts_ms",
        "ingested_ms");
  }

  @Override
  public void bind(PreparedStatement st, OrderEvent o, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, o.getEventId());
    st.setString(2, o.getOrderId());
    st.setString(3, o.getShopId());
    st.setString(4, o.getBuyerId());
    st.setString(5, o.getStatus().name());
    st.setBigDecimal(6, o.getAmount());
    st.setString(7, o.getCurrency());
    st.setString(8, MessagesTable.orEmpty(o.getRefundReason()));
    st.setLong(9, o.getTs().toEpochMilli());
    st.setLong(10, recordTimestamp);
    st.setLong(11, insertTimeMs);
  }

  @Override
  public String idOf(OrderEvent row) {
    return row.getEventId();
  }
}
