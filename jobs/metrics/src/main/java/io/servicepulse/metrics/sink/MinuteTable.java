// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.sink;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.metrics.aggregate.MinuteRow;
import io.servicepulse.metrics.aggregate.MinuteSums;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** Rows of {@code service_minute} (schemas/clickhouse/011_service_minute.sql). */
public final class MinuteTable implements ClickHouseTable<MinuteRow> {

  /**
   * SQL for every figure of a group of {@code service_minute FINAL} rows, space-separated, in the
   * order of the generator's {@code GroundTruth.ServiceCounts.figures()}.
   */
  public static final String FIGURES_SQL =
      "concat(toString(sum(turns)), ' ', toString(sum(answered)), ' ', toString(sum(unanswered)),"
          + " ' ', toString(sum(slow)), ' ', toString(sum(response_ms_sum)), ' ',"
          + " toString(sum(response_ms_count)), ' ', toString(max(response_ms_max)), ' ',"
          + " toString(sum(answered_within_30s)), ' ', toString(sum(answered_within_60s)), ' ',"
          + " toString(sum(answered_within_180s)), ' ', toString(sum(first_response_ms_sum)), ' ',"
          + " toString(sum(first_response_count)), ' ', toString(sum(conversations)), ' ',"
          + " toString(sum(conversations_with_human_answer)), ' ', toString(sum(agent_messages)))";

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public String name() {
    return "service_minute";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "shop_id",
        "team_id",
        "agent_id",
        "minute_ms",
        "day",
        "turns",
        "answered",
        "unanswered",
        "slow",
        "response_ms_sum",
        "response_ms_count",
        "response_ms_max",
        "answered_within_30s",
        "answered_within_60s",
        "answered_within_180s",
        "first_response_ms_sum",
        "first_response_count",
        "conversations",
        "conversations_with_human_answer",
        "agent_messages",
        "version",
        "emitted_ms");
  }

  @Override
  public void bind(PreparedStatement st, MinuteRow r, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    MinuteSums s = r.sums;
    st.setString(1, r.shopId);
    st.setString(2, r.teamId);
    st.setString(3, r.agentId);
    st.setLong(4, r.minuteMs);
    st.setObject(5, LocalDate.ofEpochDay(r.day));
    st.setLong(6, s.turns);
    st.setLong(7, s.answered);
    st.setLong(8, s.unanswered);
    st.setLong(9, s.slow);
    st.setLong(10, s.responseMsSum);
    st.setLong(11, s.responseMsCount);
    st.setLong(12, s.responseMsMax);
    st.setLong(13, s.answeredWithin30s);
    st.setLong(14, s.answeredWithin60s);
    st.setLong(15, s.answeredWithin180s);
    st.setLong(16, s.firstResponseMsSum);
    st.setLong(17, s.firstResponseCount);
    st.setLong(18, s.conversations);
    st.setLong(19, s.conversationsWithHumanAnswer);
    st.setLong(20, s.agentMessages);
    st.setLong(21, r.version);
    st.setLong(22, insertTimeMs);
  }

  @Override
  public String idOf(MinuteRow row) {
    return row.toString();
  }
}
