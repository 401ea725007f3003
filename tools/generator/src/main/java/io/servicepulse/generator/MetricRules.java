// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The metric knobs the ground truth is computed for: the defaults of DESIGN.md. A job whose results
 * are compared with a {@link GroundTruth} must run with exactly these values (they are written into
 * truth.json). The scenario keeps every timestamp well clear of these thresholds, so a job that
 * rounds or compares with {@code <} instead of {@code <=} still gets the same numbers.
 *
 * <p>The shop calendar: {@code timeZone} unless {@code shopTimeZones} gives a shop its own;
 * business hours {@code businessHoursStart}–{@code End} unless the shop's platform ({@code
 * businessHoursByPlatform}, lower case) or the shop itself ({@code businessHoursByShop}, winning)
 * has others, as {@code HH:MM-HH:MM} with an end up to 24:00. The maps are absent from truth.json
 * while empty, so existing scenarios keep their truth.
 */
public record MetricRules(
    String timeZone,
    long sessionGapMs,
    long replyTimeoutMs,
    long slowThresholdMs,
    String businessHoursStart,
    String businessHoursEnd,
    long nMinuteMs,
    long allowedLatenessMs,
    long inquiryValidityMs,
    long followUpWindowMs,
    String attributionRule,
    boolean botsAnswer,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> shopTimeZones,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> businessHoursByPlatform,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> businessHoursByShop) {

  private static final long MINUTE = 60_000L;

  /** The jobs' default metrics.wait-alerts: waiting-buyer alert thresholds. */
  public static final long[] WAIT_ALERT_MS = {30_000L, 100_000L, 180_000L};

  private static final long DAY = 24 * 60 * MINUTE;

  public static final MetricRules DEFAULTS =
      new MetricRules(
          "Asia/Shanghai",
          30 * MINUTE,
          30 * MINUTE,
          100_000L,
          "08:00",
          "23:00",
          3 * MINUTE,
          5 * MINUTE,
          2 * DAY,
          3 * DAY,
          "ORDER_CREATED",
          false,
          Map.of(),
          Map.of(),
          Map.of());

  public MetricRules {
    // Absent from an older truth.json: no shop has its own zone or hours.
    shopTimeZones = sorted(shopTimeZones);
    businessHoursByPlatform = sorted(businessHoursByPlatform);
    businessHoursByShop = sorted(businessHoursByShop);
    for (String zone : shopTimeZones.values()) {
      try {
        ZoneId.of(zone);
      } catch (java.time.DateTimeException e) {
        throw new IllegalArgumentException("bad value: '" + zone + "' is not a time zone id", e);
      }
    }
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** These rules with some shops (id → zone id) in another time zone than {@link #timeZone}. */
  public MetricRules withShopTimeZones(Map<String, String> zones) {
    return withCalendar(zones, businessHoursByPlatform, businessHoursByShop);
  }

  /**
   * These rules with other business hours ({@code HH:MM-HH:MM}) for platforms (lower case) and
   * shops; a shop's own win over its platform's.
   */
  public MetricRules withBusinessHours(Map<String, String> byPlatform, Map<String, String> byShop) {
    return withCalendar(shopTimeZones, byPlatform, byShop);
  }

  private MetricRules withCalendar(
      Map<String, String> zones, Map<String, String> byPlatform, Map<String, String> byShop) {
    return new MetricRules(
        timeZone,
        sessionGapMs,
        replyTimeoutMs,
        slowThresholdMs,
        businessHoursStart,
        businessHoursEnd,
        nMinuteMs,
        allowedLatenessMs,
        inquiryValidityMs,
        followUpWindowMs,
        attributionRule,
        botsAnswer,
        zones,
        byPlatform,
        byShop);
  }

  /**
   * The jobs' calendar options for these rules ({@code events.time-zone}, {@code
   * events.shop-time-zones}, {@code metrics.business-hours-*}): a job compared with this truth runs
   * with them.
   */
  public Map<String, String> calendarOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("events.time-zone", timeZone);
    options.put("events.shop-time-zones", entries(shopTimeZones));
    options.put("metrics.business-hours-start", businessHoursStart);
    options.put("metrics.business-hours-end", businessHoursEnd);
    options.put("metrics.business-hours-by-platform", entries(businessHoursByPlatform));
    options.put("metrics.business-hours-by-shop", entries(businessHoursByShop));
    return options;
  }

  private static String entries(Map<String, String> map) {
    return map.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** The calendar of one shop: its zone and business hours. */
  ShopClock clock(ShopModel shop) {
    String hours = businessHoursByShop.get(shop.id);
    if (hours == null) {
      hours = businessHoursByPlatform.get(shop.platform);
    }
    String start = hours == null ? businessHoursStart : hours.substring(0, hours.indexOf('-'));
    String end = hours == null ? businessHoursEnd : hours.substring(hours.indexOf('-') + 1);
    return new ShopClock(
        ZoneId.of(shopTimeZones.getOrDefault(shop.id, timeZone)),
        secondOfDay(start),
        secondOfDay(end));
  }

  private static int secondOfDay(String time) {
    return time.equals("24:00") ? 86_400 : LocalTime.parse(time).toSecondOfDay();
  }
}
