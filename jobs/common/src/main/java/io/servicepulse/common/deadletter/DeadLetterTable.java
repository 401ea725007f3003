package io.servicepulse.common.deadletter;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;

/** Rows of {@code dead_letters} (schemas/clickhouse/003_dead_letters.sql). */
public final class DeadLetterTable implements ClickHouseTable<DeadLetter> {

  /** Payloads are cut to this; a shorter stored payload is the whole record value. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  @Override
  public String name() {
    return "dead_letters";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "dead_letter_id",
        "job",
        "stage",
        "reason",
        "error",
        "source_topic",
        "source_partition",
        "source_offset",
        "event_id",
        "payload_base64",
        "recorded_ms");
  }

  @Override
  public void bind(PreparedStatement st, DeadLetter d, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    byte[] payload = d.payload;
    if (payload.length > MAX_PAYLOAD_BYTES) {
      // Keep the table small; the full record is still on the Kafka dead-letter topic.
      payload = java.util.Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
    }
    st.setString(1, d.deadLetterId);
    st.setString(2, d.job);
    st.setString(3, d.stage);
    st.setString(4, d.reason);
    st.setString(5, d.error);
    st.setString(6, d.sourceTopic);
    st.setInt(7, d.sourcePartition);
    st.setLong(8, d.sourceOffset);
    st.setString(9, d.eventId);
    st.setString(10, Base64.getEncoder().encodeToString(payload));
    st.setLong(11, d.recordedMs);
  }

  @Override
  public String idOf(DeadLetter row) {
    return row.deadLetterId;
  }
}
