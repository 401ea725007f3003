// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import io.servicepulse.common.clickhouse.ClickHouseTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;

/**
 * Rows of {@code dead_letters} (schemas/clickhouse/003_dead_letters.sql). Payload and error are cut
 * as on the Kafka topic ({@link DeadLetterJson}); a cut payload's original length is noted in the
 * error text (ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS for a payload_bytes column).
 */
public final class DeadLetterTable implements ClickHouseTable<DeadLetter> {

  private final int maxPayloadBytes;
  private final int maxErrorChars;

  public DeadLetterTable() {
    this(DeadLetterJson.MAX_PAYLOAD_BYTES, DeadLetterJson.MAX_ERROR_CHARS);
  }

  private DeadLetterTable(int maxPayloadBytes, int maxErrorChars) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.maxErrorChars = maxErrorChars;
  }

  /** Keeps only 1 KiB of payload and error: the last try for a letter ClickHouse refused. */
  public static DeadLetterTable minimal() {
    return new DeadLetterTable(1024, 1024);
  }

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
    byte[] payload = DeadLetterJson.payload(d);
    st.setString(1, d.deadLetterId);
    st.setString(2, d.job);
    st.setString(3, d.stage);
    st.setString(4, DeadLetterJson.cut(d.reason, maxErrorChars));
    String error = DeadLetterJson.cut(d.error, maxErrorChars);
    if (payload.length > maxPayloadBytes) {
      error +=
          " [payload cut to its first " + maxPayloadBytes + " of " + payload.length + " bytes]";
    }
    st.setString(5, error);
    st.setString(6, d.sourceTopic);
    st.setInt(7, d.sourcePartition);
    st.setLong(8, d.sourceOffset);
    st.setString(9, d.eventId);
    st.setString(
        10, Base64.getEncoder().encodeToString(DeadLetterJson.prefix(payload, maxPayloadBytes)));
    st.setLong(11, d.recordedMs);
  }

  @Override
  public String idOf(DeadLetter row) {
    return row.deadLetterId;
  }
}
