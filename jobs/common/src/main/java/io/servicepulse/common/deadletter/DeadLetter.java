// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import io.servicepulse.common.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An input a job could not use, with why and where it came from. Its id is derived from the input's
 * address (or event id), so replaying the same input after a restart yields the same id and
 * ClickHouse keeps one row. A Flink POJO (public fields).
 */
public class DeadLetter implements java.io.Serializable {

  /** Bytes that are not a known event (see DecodeFailure for the reason). */
  public static final String STAGE_DECODE = "decode";

  /** Decoded, but breaks a rule of the event model (e.g. an AGENT message without agent_id). */
  public static final String STAGE_INVALID = "invalid";

  /** Older than the allowed lateness: it can no longer correct its aggregates. */
  public static final String STAGE_LATE = "late";

  /** ClickHouse rejected the row. */
  public static final String STAGE_SINK = "sink";

  public String deadLetterId;
  public String job;
  public String stage;
  public String reason;
  public String error;
  public String sourceTopic;
  public int sourcePartition;
  public long sourceOffset;
  public String eventId;
  public byte[] payload;
  public long recordedMs;

  public DeadLetter() {}

  /** A record from Kafka that the job could not use. */
  public static DeadLetter ofRecord(
      String job, String stage, String reason, String error, RawRecord record, String eventId) {
    DeadLetter letter = new DeadLetter();
    letter.deadLetterId = id(job, stage, record.address());
    letter.job = job;
    letter.stage = stage;
    letter.reason = reason;
    letter.error = error == null ? "" : error;
    letter.sourceTopic = record.topic;
    letter.sourcePartition = record.partition;
    letter.sourceOffset = record.offset;
    letter.eventId = eventId == null ? "" : eventId;
    letter.payload = record.value == null ? new byte[0] : record.value;
    letter.recordedMs = System.currentTimeMillis();
    return letter;
  }

  /**
   * A decoded event the job could not use (e.g. late); {@link
   * io.servicepulse.common.decode.Decoded#addressed} adds its address.
   */
  public static DeadLetter ofEvent(
      String job, String stage, String reason, String error, String eventId, String payload) {
    return ofEvent(job, stage, reason, error, eventId, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** The same with the payload as bytes, e.g. the event in wire format. */
  public static DeadLetter ofEvent(
      String job, String stage, String reason, String error, String eventId, byte[] payload) {
    DeadLetter letter = new DeadLetter();
    letter.deadLetterId = id(job, stage, eventId);
    letter.job = job;
    letter.stage = stage;
    letter.reason = reason;
    letter.error = error == null ? "" : error;
    letter.sourceTopic = "";
    letter.sourcePartition = -1;
    letter.sourceOffset = -1;
    letter.eventId = eventId;
    letter.payload = payload;
    letter.recordedMs = System.currentTimeMillis();
    return letter;
  }

  /**
   * One of several copies of an event id (e.g. a conflicting duplicate): its id also derives from
   * {@code copy}, so each distinct copy is its own row.
   */
  public static DeadLetter ofEventCopy(
      String job,
      String stage,
      String reason,
      String error,
      String eventId,
      String copy,
      byte[] payload) {
    DeadLetter letter = ofEvent(job, stage, reason, error, eventId, payload);
    letter.deadLetterId = id(job, stage, eventId + "|" + copy);
    return letter;
  }

  /**
   * A row ClickHouse (or the driver) refused. A sink no longer knows a Kafka address: the table
   * stands in for the topic, partition and offset are -1. The payload is the event in wire format
   * for a fact row (replayable with {@code --to-topic}), the row's text for a derived one.
   */
  public static DeadLetter ofSinkRow(
      String job, String table, String error, String rowId, byte[] payload) {
    DeadLetter letter =
        ofEvent(job, STAGE_SINK, "rejected by ClickHouse table " + table, error, rowId, payload);
    letter.deadLetterId = id(job, STAGE_SINK, table + "|" + rowId);
    letter.sourceTopic = table;
    return letter;
  }

  private static String id(String job, String stage, String source) {
    return UUID.nameUUIDFromBytes(
            (job + "|" + stage + "|" + source).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  @Override
  public String toString() {
    return stage
        + " "
        + reason
        + " "
        + sourceTopic
        + "/"
        + sourcePartition
        + "@"
        + sourceOffset
        + " "
        + eventId
        + ": "
        + error;
  }
}
