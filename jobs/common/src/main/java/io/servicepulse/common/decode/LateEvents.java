// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetter;
import java.time.Duration;

/**
 * When an event is late, and its dead letter. Lateness is judged once per job, by {@link
 * FirstCopyWins} against its own topic's watermark, where the record's Kafka address is still
 * known; operators further down see a watermark no later than that one, so an event that passed is
 * never late there.
 */
public final class LateEvents {

  public static final String REASON = "older than allowed lateness";

  private LateEvents() {}

  /** True if an event at {@code ts} can no longer correct its aggregates. */
  public static boolean isLate(long ts, long currentWatermark, Duration allowedLateness) {
    return currentWatermark != Long.MIN_VALUE && ts < currentWatermark - allowedLateness.toMillis();
  }

  /**
   * The dead letter for a late event; the same event replayed gets the same id. Its payload is the
   * event in wire format, so {@code DeadLetterReplay --to-topic} can send it again; {@link
   * Decoded#addressed} adds where it was read.
   */
  public static DeadLetter letter(
      String job, String eventId, long ts, long currentWatermark, Object event) {
    return DeadLetter.ofEvent(
        job,
        DeadLetter.STAGE_LATE,
        REASON,
        "event ts " + ts + " ms is " + (currentWatermark - ts) + " ms behind the watermark",
        eventId,
        EventBytes.of(event));
  }
}
