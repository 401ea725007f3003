// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.events.AgentEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows of {@code agent_events} (schemas/clickhouse/052_agent_events.sql): one per agent status
 * change or transfer of a buyer.
 */
public final class AgentEventsTable implements ClickHouseTable<AgentEvent> {

  @Override
  public String name() {
    return "agent_events";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "event_id",
        "shop_id",
        "team_id",
        "agent_id",
        "kind",
        "status",
        "buyer_id",
        "to_agent_id",
        "ts_ms",
        "kafka_ts_ms",
        "ingested_ms");
  }

  @Override
  public void bind(PreparedStatement st, AgentEvent e, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, e.getEventId());
    st.setString(2, e.getShopId());
    st.setString(3, Rows.orEmpty(e.getTeamId()));
    st.setString(4, e.getAgentId());
    st.setString(5, e.getKind().name());
    st.setString(6, e.getStatus() == null ? "" : e.getStatus().name());
    st.setString(7, Rows.orEmpty(e.getBuyerId()));
    st.setString(8, Rows.orEmpty(e.getToAgentId()));
    st.setLong(9, e.getTs().toEpochMilli());
    st.setLong(10, recordTimestamp);
    st.setLong(11, insertTimeMs);
  }

  @Override
  public String idOf(AgentEvent row) {
    return row.getEventId();
  }
}
