// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetter;
import java.time.Duration;

/**
 * The event id is an event's identity: whatever else differs, two records with one {@code event_id}
 * are one event. The first copy a job reads counts; a later copy is either the same event again (a
 * producer retry: dropped) or a conflicting one (same id, other content: a dead letter). Content is
 * compared by a 64-bit fingerprint of the event's wire bytes.
 */
public final class EventIdentity {

  public static final String CONFLICTING_DUPLICATE = "conflicting duplicate";

  /** What a copy of an event id is, given the fingerprint remembered for that id (or null). */
  public enum Copy {
    FIRST,
    SAME,
    CONFLICTING;

    public static Copy of(Long remembered, long fingerprint) {
      if (remembered == null) {
        return FIRST;
      }
      return remembered == fingerprint ? SAME : CONFLICTING;
    }
  }

  private EventIdentity() {}

  /** CRC-64-AVRO of the event's wire bytes (current schema), so equal content, equal print. */
  public static long fingerprint(Object event) {
    return fingerprintOfWireBytes(EventBytes.of(event));
  }

  /**
   * CRC-64-AVRO of a record's bytes as read: the same print as {@link #fingerprint} for an event
   * written with the current schema, without encoding it again. (A retry written with an older
   * schema version prints differently and counts as a conflicting copy.)
   */
  public static long fingerprintOfWireBytes(byte[] bytes) {
    return Crc64Avro.of(bytes);
  }

  /** The dead letter of a conflicting copy: its wire bytes, one letter per distinct content. */
  public static DeadLetter conflictingLetter(
      String job,
      String eventId,
      Object event,
      long remembered,
      long fingerprint,
      Duration within) {
    String error =
        String.format(
            "event_id %s was read within %s with other content (fingerprint %016x, this copy"
                + " %016x); the first copy read counts",
            eventId, within, remembered, fingerprint);
    return DeadLetter.ofEventCopy(
        job,
        DeadLetter.STAGE_INVALID,
        CONFLICTING_DUPLICATE,
        error,
        eventId,
        String.format("%016x", fingerprint),
        EventBytes.of(event));
  }
}
