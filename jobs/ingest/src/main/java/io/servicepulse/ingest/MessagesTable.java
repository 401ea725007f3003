// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.ingest;

import io.servicepulse.common.chat.NoReplyNeeded;
import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.SenderRole;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Rows of {@code messages} (schemas/clickhouse/001_messages.sql): one per chat message. */
public final class MessagesTable implements ClickHouseTable<ChatMessage> {

  private final NoReplyNeeded noReplyNeeded;

  /** {@code noReplyNeeded}: marks the buyer messages that make no buyer wait. */
  public MessagesTable(NoReplyNeeded noReplyNeeded) {
    this.noReplyNeeded = noReplyNeeded;
  }

  @Override
  public String name() {
    return "messages";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "event_id",
        "platform",
        "shop_id",
        "team_id",
        "agent_id",
        "buyer_id",
        "sender_role",
        "text",
        "conversation_id",
        "no_reply_needed",
        "ts_ms",
        "kafka_ts_ms",
        "ingested_ms");
  }

  @Override
  public void bind(PreparedStatement st, ChatMessage m, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, m.getEventId());
    st.setString(2, m.getPlatform());
    st.setString(3, m.getShopId());
    st.setString(4, orEmpty(m.getTeamId()));
    st.setString(5, orEmpty(m.getAgentId()));
    st.setString(6, m.getBuyerId());
    st.setString(7, m.getSenderRole().name());
    st.setString(8, m.getText());
    st.setString(9, orEmpty(m.getConversationId()));
    st.setInt(10, m.getSenderRole() == SenderRole.BUYER && noReplyNeeded.test(m.getText()) ? 1 : 0);
    st.setLong(11, m.getTs().toEpochMilli());
    st.setLong(12, recordTimestamp);
    st.setLong(13, insertTimeMs);
  }

  @Override
  public String idOf(ChatMessage row) {
    return row.getEventId();
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
