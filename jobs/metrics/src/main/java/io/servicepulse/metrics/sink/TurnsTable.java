// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.sink;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.metrics.turn.TurnFact;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** Rows of {@code turns} (schemas/clickhouse/010_turns.sql): one per turn, upserted by version. */
public final class TurnsTable implements ClickHouseTable<TurnFact> {

  /**
   * 接待压力 per (shop, agent, day) from the view over these rows (056_agent_concurrency_daily.sql):
   * "shop/agent/day" → "peak served_ms conversations", as the generator's truth writes it.
   */
  public static final String CONCURRENCY_FIGURES_SQL =
      "SELECT concat(shop_id, '/', agent_id, '/', toString(day)),"
          + " concat(toString(peak_buyers), ' ', toString(served_ms), ' ',"
          + " toString(conversations)) FROM agent_concurrency_daily";

  /**
   * 回复率 per buyer from the view over these rows (057_buyer_reply_daily.sql): "shop/agent/day"
   * ("shop//day" for the whole shop) → "asked answered", as the generator's truth writes it.
   */
  public static final String BUYER_REPLY_FIGURES_SQL =
      "SELECT concat(shop_id, '/', agent_id, '/', toString(day)),"
          + " concat(toString(asked_buyers), ' ', toString(answered_buyers))"
          + " FROM buyer_reply_daily";

  /**
   * Per shop and shop-local day with a bot reply, "shop/day" → "turns a bot replied to, of them
   * answered by a human" (机器人接待 / 机器人转人工), as the generator's truth writes it.
   */
  public static final String BOT_FIGURES_SQL =
      "SELECT concat(shop_id, '/', toString(day)),"
          + " concat(toString(sum(bot_replied)), ' ',"
          + " toString(sum(bot_replied * answered * (1 - answered_by_bot))))"
          + " FROM turns FINAL WHERE deleted = 0 GROUP BY shop_id, day HAVING sum(bot_replied) > 0";

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public String name() {
    return "turns";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "turn_id",
        "conversation_id",
        "platform",
        "shop_id",
        "team_id",
        "agent_id",
        "buyer_id",
        "day",
        "turn_start_ms",
        "answer_ms",
        "response_ms",
        "answered",
        "answered_by_bot",
        "bot_replied",
        "first_of_conversation",
        "business_hours",
        "slow",
        "within_n",
        "deleted",
        "version",
        "emitted_ms");
  }

  @Override
  public void bind(PreparedStatement st, TurnFact t, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, t.turnId);
    st.setString(2, t.conversationId);
    st.setString(3, t.platform);
    st.setString(4, t.shopId);
    st.setString(5, t.teamId);
    st.setString(6, t.agentId);
    st.setString(7, t.buyerId);
    st.setObject(8, LocalDate.ofEpochDay(t.day));
    st.setLong(9, t.startMs);
    st.setLong(10, t.answerMs);
    st.setLong(11, t.responseMs);
    st.setInt(12, flag(t.answered));
    st.setInt(13, flag(t.answeredByBot));
    st.setInt(14, flag(t.botReplied));
    st.setInt(15, flag(t.firstOfConversation));
    st.setInt(16, flag(t.businessHours));
    st.setInt(17, flag(t.slow));
    st.setInt(18, flag(t.withinN));
    st.setInt(19, flag(t.retracted));
    st.setLong(20, t.version);
    st.setLong(21, insertTimeMs);
  }

  @Override
  public String idOf(TurnFact row) {
    return row.shopId + "/" + row.buyerId + "/" + row.turnId + " v" + row.version;
  }

  static int flag(boolean b) {
    return b ? 1 : 0;
  }
}
