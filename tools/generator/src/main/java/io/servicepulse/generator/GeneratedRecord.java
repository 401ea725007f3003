// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

/**
 * One record as it goes to Kafka, in emission order.
 *
 * @param timestamp event time in epoch millis as written (emission time for a malformed record;
 *     year 2100 or 1990 for a poison record with a bad ts)
 * @param kind why it is where it is; a consumer sees only topic, key and value
 */
public record GeneratedRecord(
    String topic, byte[] key, byte[] value, long timestamp, GeneratedRecord.Kind kind) {

  public enum Kind {
    /** Emitted in event-time order. */
    ON_TIME,
    /** Emitted after later events of its buyer, less than 2 minutes after its event time. */
    OUT_OF_ORDER,
    /** A late buyer's event, emitted long after its event time: beyond allowed lateness. */
    LATE,
    /** A second copy of an earlier record (same event_id, same bytes). */
    DUPLICATE,
    /** Bytes that do not decode. */
    MALFORMED,
    /** Decodes, but breaks a validity rule ({@code PoisonKind}): an {@code invalid} dead letter. */
    POISON
  }
}
