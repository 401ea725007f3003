// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.time;

import java.io.Serializable;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * A shop's daily business hours in its local time: start inclusive, end exclusive, as seconds of
 * the day. The end may be {@code 24:00} (midnight at the end of the day), so {@code 00:00-24:00} is
 * the whole day, as Taobao's 08:00–24:00 rule needs.
 */
public record BusinessHours(int startSecond, int endSecond) implements Serializable {

  private static final int DAY_SECONDS = 86_400;

  public BusinessHours {
    if (startSecond < 0 || endSecond > DAY_SECONDS || startSecond >= endSecond) {
      throw new IllegalArgumentException(
          "business hours must start before they end, within 00:00-24:00, not "
              + format(startSecond)
              + "-"
              + format(endSecond));
    }
  }

  /** {@code start} and {@code end} as {@code HH:MM} (or {@code HH:MM:SS}); end may be 24:00. */
  public static BusinessHours of(String start, String end) {
    return new BusinessHours(secondOfDay(start, false), secondOfDay(end, true));
  }

  /** {@code HH:MM-HH:MM}, e.g. {@code 09:00-23:00} or {@code 00:00-24:00}. */
  public static BusinessHours parse(String range) {
    int dash = range.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("'" + range + "' is not HH:MM-HH:MM");
    }
    return of(range.substring(0, dash).strip(), range.substring(dash + 1).strip());
  }

  /** True if the shop-local {@code secondOfDay} (0 to 86 399) is inside these hours. */
  public boolean contains(int secondOfDay) {
    return secondOfDay >= startSecond && secondOfDay < endSecond;
  }

  @Override
  public String toString() {
    return format(startSecond) + "-" + format(endSecond);
  }

  private static int secondOfDay(String time, boolean mayBeEndOfDay) {
    if (mayBeEndOfDay && (time.equals("24:00") || time.equals("24:00:00"))) {
      return DAY_SECONDS;
    }
    try {
      return LocalTime.parse(time).toSecondOfDay();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + time + "' is not a time of day HH:MM", e);
    }
  }

  private static String format(int second) {
    if (second < 0 || second > DAY_SECONDS) {
      return second + " s";
    }
    return second == DAY_SECONDS ? "24:00" : LocalTime.ofSecondOfDay(second).toString();
  }
}
