// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.sink;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.metrics.rate.DailyReplyRate;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** Rows of {@code n_minute_reply_daily} (schemas/clickhouse/012_n_minute_reply_daily.sql). */
public final class DailyReplyRateTable implements ClickHouseTable<DailyReplyRate> {

  @Override
  public String name() {
    return "n_minute_reply_daily";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "shop_id",
        "day",
        "scope",
        "agent_id",
        "reached_buyers",
        "missed_buyers",
        "version",
        "emitted_ms");
  }

  @Override
  public void bind(PreparedStatement st, DailyReplyRate r, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, r.shopId);
    st.setObject(2, LocalDate.ofEpochDay(r.day));
    st.setString(3, r.scope);
    st.setString(4, r.agentId);
    st.setLong(5, r.reachedBuyers);
    st.setLong(6, r.missedBuyers);
    st.setLong(7, r.version);
    st.setLong(8, insertTimeMs);
  }

  @Override
  public String idOf(DailyReplyRate row) {
    return row.toString();
  }
}
