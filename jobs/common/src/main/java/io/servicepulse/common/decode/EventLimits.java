// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Bounds every decoded event must respect so that every operator and sink downstream can process
 * it: a timestamp no further ahead of the clock than {@code events.max-ahead} (a far-future event
 * would move the watermark and make every later event late) and not before {@code events.earliest};
 * ids of at most {@link #MAX_ID_CHARS} characters; a text of at most {@code events.max-text-bytes}
 * UTF-8 bytes; an amount that fits Decimal(18, 2).
 */
public record EventLimits(long earliestMs, long maxAheadMs, int maxTextBytes)
    implements Serializable {

  /** Longest id (event, order, shop, buyer, agent, team, conversation); longer is not an id. */
  public static final int MAX_ID_CHARS = 256;

  /** Most DSR dimensions one rating may carry (platforms use three or four). */
  public static final int MAX_DIMENSIONS = 32;

  /** Largest integer part of an amount in Decimal(18, 2), the schema's and ClickHouse's type. */
  public static final int MAX_AMOUNT_INTEGER_DIGITS = 16;

  public static EventLimits from(JobConfig config) {
    return new EventLimits(
        earliest(config),
        config.get(ServicePulseOptions.EVENTS_MAX_AHEAD).toMillis(),
        config.get(ServicePulseOptions.EVENTS_MAX_TEXT_BYTES));
  }

  private static long earliest(JobConfig config) {
    String value = config.get(ServicePulseOptions.EVENTS_EARLIEST);
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "events.earliest must be an instant such as 2000-01-01T00:00:00Z, not " + value, e);
    }
  }

  /** The defaults, for tests and tools that have no configuration. */
  public static EventLimits defaults() {
    return from(JobConfig.of(Map.of()));
  }
}
