// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.events.ServiceFeedback;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows of {@code service_feedback_revisions}
 * (schemas/clickhouse/053_service_feedback_revisions.sql): one per revision of a rating or review.
 */
public final class FeedbackRevisionsTable implements ClickHouseTable<ServiceFeedback> {

  /**
   * "shop/agent" → ratings and reviews modified from bad or middling (1-3 stars at their first
   * revision) to good (4-5 at their latest), credited to the agent of the latest revision: the
   * ground truth's {@code FeedbackCounts.modifiedToGood}.
   */
  public static final String MODIFIED_TO_GOOD_SQL =
      "SELECT concat(shop_id, '/', agent), toString(countIf(first <= 3 AND latest >= 4))"
          + " FROM (SELECT shop_id, feedback_id, argMax(agent_id, revision) AS agent,"
          + " argMin(rating, revision) AS first, argMax(rating, revision) AS latest"
          + " FROM service_feedback_revisions FINAL GROUP BY shop_id, feedback_id)"
          + " GROUP BY shop_id, agent";

  @Override
  public String name() {
    return "service_feedback_revisions";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "shop_id",
        "feedback_id",
        "revision",
        "event_id",
        "kind",
        "agent_id",
        "rating",
        "responsibility",
        "ts_ms",
        "kafka_ts_ms",
        "ingested_ms");
  }

  @Override
  public void bind(PreparedStatement st, ServiceFeedback f, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    st.setString(1, f.getShopId());
    st.setString(2, f.getFeedbackId());
    st.setLong(3, f.getRevision());
    st.setString(4, f.getEventId());
    st.setString(5, f.getKind().name());
    st.setString(6, Rows.orEmpty(f.getAgentId()));
    st.setByte(7, (byte) f.getRating());
    st.setString(8, f.getResponsibility().name());
    st.setLong(9, f.getTs().toEpochMilli());
    st.setLong(10, recordTimestamp);
    st.setLong(11, insertTimeMs);
  }

  @Override
  public String idOf(ServiceFeedback row) {
    return row.getEventId();
  }
}
