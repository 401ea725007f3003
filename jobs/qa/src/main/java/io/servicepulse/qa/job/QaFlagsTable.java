// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Rows of {@code qa_flags} (schemas/clickhouse/030_qa_flags.sql, retracted from 044): flags QaJob
 * writes, and re-inspection's flags and tombstones ({@link Reinspection}).
 */
public final class QaFlagsTable implements ClickHouseTable<QaFlagRow> {

  @Override
  public String name() {
    return "qa_flags";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "message_id",
        "rule_id",
        "platform",
        "shop_id",
        "team_id",
        "agent_id",
        "buyer_id",
        "conversation_id",
        "sender_role",
        "ts_ms",
        "day",
        "category",
        "severity",
        "mitigation",
        "language",
        "span_start",
        "span_end",
        "matched_text",
        "masked_text",
        "inspector_version",
        "inspected_ms",
        "retracted");
  }

  @Override
  public void bind(PreparedStatement st, QaFlagRow r, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, r.messageId);
    st.setString(2, r.ruleId);
    st.setString(3, r.platform);
    st.setString(4, r.shopId);
    st.setString(5, r.teamId);
    st.setString(6, r.agentId);
    st.setString(7, r.buyerId);
    st.setString(8, r.conversationId);
    st.setString(9, r.senderRole);
    st.setLong(10, r.tsMs);
    st.setObject(11, LocalDate.ofEpochDay(r.day));
    st.setString(12, r.category);
    st.setInt(13, r.severity);
    st.setString(14, r.mitigation);
    st.setString(15, r.language);
    st.setInt(16, r.spanStart);
    st.setInt(17, r.spanEnd);
    st.setString(18, r.matchedText);
    st.setString(19, r.maskedText);
    st.setString(20, r.inspectorVersion);
    st.setLong(21, r.inspectedMs > 0 ? r.inspectedMs : insertTimeMs);
    st.setInt(22, r.retracted);
  }

  @Override
  public String idOf(QaFlagRow row) {
    return row.messageId + "/" + row.ruleId;
  }
}
