// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import io.servicepulse.events.ServiceFeedback;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Rows of {@code service_feedback} (schemas/clickhouse/050_service_feedback.sql): one per rating or
 * review, its highest revision winning ({@link #version}).
 */
public final class FeedbackTable implements ClickHouseTable<ServiceFeedback> {

  /**
   * Per group of rows (read with FINAL): the ground truth's {@code FeedbackCounts.figures()},
   * "ratings bad middling good agentResponsible invited modified".
   */
  public static final String FIGURES_SQL =
      "concat(toString(count()), ' ', toString(countIf(rating <= 2)), ' ',"
          + " toString(countIf(rating = 3)), ' ', toString(countIf(rating >= 4)), ' ',"
          + " toString(countIf(rating <= 3 AND responsibility = 'AGENT')), ' ',"
          + " toString(countIf(invited = 1)), ' ', toString(countIf(revision > 0)))";

  @Override
  public String name() {
    return "service_feedback";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "shop_id",
        "feedback_id",
        "event_id",
        "kind",
        "platform",
        "buyer_id",
        "agent_id",
        "order_id",
        "rating",
        "dimension_names",
        "dimension_scores",
        "responsibility",
        "invited",
        "revision",
        "ts_ms",
        "version",
        "kafka_ts_ms",
        "ingested_ms");
  }

  @Override
  public void bind(PreparedStatement st, ServiceFeedback f, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    Map<String, Integer> dimensions = new TreeMap<>(f.getDimensions());
    st.setString(1, f.getShopId());
    st.setString(2, f.getFeedbackId());
    st.setString(3, f.getEventId());
    st.setString(4, f.getKind().name());
    st.setString(5, f.getPlatform());
    st.setString(6, f.getBuyerId());
    st.setString(7, Rows.orEmpty(f.getAgentId()));
    st.setString(8, Rows.orEmpty(f.getOrderId()));
    st.setByte(9, (byte) f.getRating());
    st.setArray(10, st.getConnection().createArrayOf("String", dimensions.keySet().toArray()));
    // UInt8 elements travel as Short in the native driver (rules keep scores 1 to 5).
    Short[] scores = dimensions.values().stream().map(Integer::shortValue).toArray(Short[]::new);
    st.setArray(11, st.getConnection().createArrayOf("UInt8", scores));
    st.setString(12, f.getResponsibility().name());
    st.setByte(13, (byte) (f.getInvited() ? 1 : 0));
    st.setLong(14, f.getRevision());
    st.setLong(15, f.getTs().toEpochMilli());
    st.setLong(16, version(f));
    st.setLong(17, recordTimestamp);
    st.setLong(18, insertTimeMs);
  }

  /**
   * The row's version: revision × 2^32 + CRC-32 of the event id. Monotone in the revision (rules
   * keep it ≥ 0, so it fits UInt64 and a Java long), and a deterministic tie-break for two events
   * of one revision.
   */
  public static long version(ServiceFeedback f) {
    CRC32 crc = new CRC32();
    crc.update(f.getEventId().getBytes(StandardCharsets.UTF_8));
    return ((long) f.getRevision() << 32) | crc.getValue();
  }

  @Override
  public String idOf(ServiceFeedback row) {
    return row.getEventId();
  }
}
