// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.sink;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.wait.WaitAlert;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** Rows of {@code wait_alerts} (schemas/clickhouse/013_wait_alerts.sql), upserted by version. */
public final class WaitAlertsTable implements ClickHouseTable<WaitAlert> {

  private final MetricsSettings settings;

  public WaitAlertsTable(MetricsSettings settings) {
    this.settings = settings;
  }

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public String name() {
    return "wait_alerts";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "alert_id",
        "turn_id",
        "platform",
        "shop_id",
        "team_id",
        "agent_id",
        "buyer_id",
        "day",
        "turn_start_ms",
        "threshold_ms",
        "status",
        "answer_ms",
        "waited_ms",
        "deleted",
        "version",
        "emitted_ms");
  }

  @Override
  public void bind(PreparedStatement st, WaitAlert a, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, a.alertId());
    st.setString(2, a.turnId);
    st.setString(3, a.platform);
    st.setString(4, a.shopId);
    st.setString(5, a.teamId);
    st.setString(6, a.agentId);
    st.setString(7, a.buyerId);
    st.setObject(8, LocalDate.ofEpochDay(settings.day(a.shopId, a.turnStartMs)));
    st.setLong(9, a.turnStartMs);
    st.setLong(10, a.thresholdMs);
    st.setString(11, a.status);
    st.setLong(12, a.answerMs);
    st.setLong(13, a.waitedMs);
    st.setInt(14, a.retracted ? 1 : 0);
    st.setLong(15, a.version);
    st.setLong(16, insertTimeMs);
  }

  @Override
  public String idOf(WaitAlert row) {
    return row.shopId + "/" + row.buyerId + "/" + row.alertId() + " v" + row.version;
  }
}
