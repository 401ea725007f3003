// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One shop's calendar questions: which day, inside business hours, near a boundary. Written apart
 * from the jobs' ShopCalendar on purpose (ZonedDateTime here, offset arithmetic there), so the
 * truth checks the jobs' calendar instead of sharing its mistakes.
 */
final class ShopClock {

  private final ZoneId zone;
  private final int businessStartSec;
  private final int businessEndSec;

  /** Business hours as seconds of the local day, start inclusive, end exclusive (≤ 86 400). */
  ShopClock(ZoneId zone, int businessStartSec, int businessEndSec) {
    this.zone = zone;
    this.businessStartSec = businessStartSec;
    this.businessEndSec = businessEndSec;
  }

  LocalDate day(long ts) {
    return Instant.ofEpochMilli(ts).atZone(zone).toLocalDate();
  }

  /** Start of business hours inclusive, end exclusive. */
  boolean inBusinessHours(long ts) {
    int sec = secondOfDay(ts);
    return sec >= businessStartSec && sec < businessEndSec;
  }

  /** Within {@code marginMs} of local midnight or the start/end of business hours. */
  boolean nearBoundary(long ts, long marginMs) {
    int sec = secondOfDay(ts);
    long marginSec = marginMs / 1000;
    for (int boundary : new int[] {0, 86_400, businessStartSec, businessEndSec}) {
      if (Math.abs(sec - boundary) < marginSec) {
        return true;
      }
    }
    return false;
  }

  boolean nearMidnight(long ts, long marginMs) {
    int sec = secondOfDay(ts);
    return sec < marginMs / 1000 || 86_400 - sec < marginMs / 1000;
  }

  /** Start of the local day {@code days} after the day of {@code ts}. */
  long startOfDayPlus(long ts, int days) {
    return day(ts).plusDays(days).atStartOfDay(zone).toInstant().toEpochMilli();
  }

  private int secondOfDay(long ts) {
    return Instant.ofEpochMilli(ts).atZone(zone).toLocalTime().toSecondOfDay();
  }
}
